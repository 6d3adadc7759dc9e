/*
 * Finds or provides the Chromium the browser tests run in, so that the
 * README's test command works on a machine that has none:
 *   1. PLAYWRIGHT_CHROMIUM_PATH, else `chromium` on the PATH;
 *   2. Debian's chromium, when running as root with apt-get (the package
 *      lists are fetched once if the first install fails, as it does on
 *      images that ship without them);
 *   3. Playwright's own, downloaded with `npx playwright install chromium`.
 * When none works, says which pieces are missing.
 */
import { spawnSync } from 'node:child_process';

function onPath(name) {
  const found = spawnSync('sh', ['-c', 'command -v "$1"', 'sh', name], {
    encoding: 'utf8',
  });
  return found.status === 0 && found.stdout.trim()
    ? found.stdout.trim()
    : undefined;
}

/** The Chromium the machine already has, or undefined. */
export function findSystemChromium(lookup = onPath) {
  if (process.env.PLAYWRIGHT_CHROMIUM_PATH) {
    return process.env.PLAYWRIGHT_CHROMIUM_PATH;
  }
  return lookup('chromium') ?? lookup('chromium-browser');
}

function runQuietly(command, args, cwd) {
  console.log(`$ ${command} ${args.join(' ')}`);
  // Errors stay visible; apt's and Playwright's progress does not.
  return spawnSync(command, args, {
    cwd,
    stdio: ['ignore', 'ignore', 'inherit'],
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
  }).status;
}

function installDebianChromium() {
  const install = () => runQuietly('apt-get', ['install', '-y', 'chromium']);
  if (install() === 0) {
    return true;
  }
  console.log('apt-get install failed; fetching the package lists once.');
  return runQuietly('apt-get', ['update']) === 0 && install() === 0;
}

/**
 * Returns { executablePath } for a system Chromium, {} for Playwright's own
 * (playwright.config.ts uses it when no path is given), or { missing } with
 * a message naming what could not be provided.
 */
export function provideChromium({ cwd, lookup = onPath }) {
  const existing = findSystemChromium(lookup);
  if (existing) {
    return { executablePath: existing };
  }

  let debian;
  if (process.getuid?.() !== 0) {
    debian = 'was not tried (installing it needs root)';
  } else if (!lookup('apt-get')) {
    debian = 'was not tried (no apt-get)';
  } else {
    console.log("No Chromium found; installing Debian's chromium.");
    const installed = installDebianChromium()
      ? findSystemChromium(lookup)
      : undefined;
    if (installed) {
      return { executablePath: installed };
    }
    debian = 'could not be installed (`apt-get install -y chromium` failed)';
  }

  console.log("No system Chromium; downloading Playwright's own.");
  if (runQuietly('npx', ['playwright', 'install', 'chromium'], cwd) === 0) {
    return {};
  }
  return {
    missing:
      'no Chromium for the browser tests: none at PLAYWRIGHT_CHROMIUM_PATH ' +
      `or on the PATH; Debian's chromium ${debian}; ` +
      "Playwright's own could not be downloaded (`npx playwright install " +
      'chromium` failed). Install chromium or set PLAYWRIGHT_CHROMIUM_PATH.',
  };
}
