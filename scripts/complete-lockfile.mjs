#!/usr/bin/env node
/*
 * Completes package-lock.json with the platform-specific optional packages
 * (e.g. @swc/core-darwin-arm64) that `npm install` leaves out when the
 * registry it used does not carry them. Without those entries `npm ci`
 * refuses the lockfile as "out of sync". Each added entry carries the os,
 * cpu and libc its name declares, so npm skips it on other platforms and
 * installs it (from the registry) only where it belongs.
 *
 * Run after every `npm install` that changes the lockfile:
 *   node scripts/complete-lockfile.mjs
 */
import { readFileSync, writeFileSync } from 'node:fs';

const lockPath = new URL('../package-lock.json', import.meta.url);
const lock = JSON.parse(readFileSync(lockPath, 'utf8'));
const packages = lock.packages;

const OS = ['android', 'darwin', 'freebsd', 'linux', 'openbsd', 'openharmony', 'sunos', 'win32', 'aix', 'netbsd'];
const CPU = [
  ['arm64', 'arm64'],
  ['aarch64', 'arm64'],
  ['x64', 'x64'],
  ['ia32', 'ia32'],
  ['arm', 'arm'],
  ['ppc64', 'ppc64'],
  ['s390x', 's390x'],
  ['riscv64', 'riscv64'],
  ['loong64', 'loong64'],
  ['wasm32', 'wasm32'],
];

/** The platform a package name declares, e.g. rollup-linux-arm64-musl. */
function platformOf(name) {
  const parts = name.split('/').pop().split('-');
  const os = OS.find(candidate => parts.includes(candidate));
  const cpu = CPU.find(([token]) => parts.includes(token))?.[1];
  if (!os || !cpu) {
    return undefined;
  }
  const platform = { os: [os], cpu: [cpu] };
  if (os === 'linux') {
    if (parts.some(part => part.startsWith('musl'))) platform.libc = ['musl'];
    else if (parts.some(part => part.startsWith('gnu'))) platform.libc = ['glibc'];
  }
  return platform;
}

/** Where npm would find `name` from a package at `parentPath`. */
function resolves(parentPath, name) {
  let base = parentPath;
  for (;;) {
    if (packages[`${base ? `${base}/` : ''}node_modules/${name}`]) return true;
    const cut = base.lastIndexOf('/node_modules/');
    if (cut < 0) {
      return base !== '' && Boolean(packages[`node_modules/${name}`]);
    }
    base = base.slice(0, cut);
  }
}

let added = 0;
for (const [path, entry] of Object.entries({ ...packages })) {
  for (const [name, spec] of Object.entries(entry.optionalDependencies ?? {})) {
    if (resolves(path, name)) continue;
    const platform = platformOf(name);
    if (!platform || !/^\d+\.\d+\.\d+/.test(spec)) {
      console.warn(`Left out ${name}@${spec} (from ${path}): platform or version unknown`);
      continue;
    }
    packages[`${path}/node_modules/${name}`] = {
      version: spec,
      ...platform,
      optional: true,
    };
    added++;
  }
}

writeFileSync(lockPath, `${JSON.stringify(lock, null, 2)}\n`);
console.log(`Added ${added} platform-specific optional packages to package-lock.json`);
