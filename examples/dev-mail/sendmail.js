#!/usr/bin/env node
/*
 * A stand-in for sendmail in development: the notifications email module
 * (transport "sendmail") pipes each message here, and it is written to
 * .dev-mail/ at the repository root as an .eml file that any mail client or
 * text editor opens. Nothing leaves the machine.
 */
'use strict';

const fs = require('node:fs');
const path = require('node:path');

const outDir =
  process.env.EC_DEV_MAIL_DIR ||
  path.resolve(__dirname, '..', '..', '.dev-mail');
// nodemailer calls: sendmail -i -f <from> <to...>
const recipients = process.argv.slice(2).filter((arg, i, all) => {
  return !arg.startsWith('-') && all[i - 1] !== '-f';
});

const chunks = [];
process.stdin.on('data', chunk => chunks.push(chunk));
process.stdin.on('end', () => {
  fs.mkdirSync(outDir, { recursive: true });
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  const to = (recipients[0] || 'unknown').replace(/[^a-zA-Z0-9@._-]/g, '_');
  const file = path.join(outDir, `${stamp}-${process.pid}-${to}.eml`);
  fs.writeFileSync(file, Buffer.concat(chunks));
  process.stdout.write(`${file}\n`);
});
