import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

// The development mail transport configured in app-config.yaml.
const sendmail = resolve(__dirname, '../../../examples/dev-mail/sendmail.js');

describe('development mail transport', () => {
  it('writes each message to a readable .eml file, as nodemailer pipes it', () => {
    const outDir = mkdtempSync(join(tmpdir(), 'dev-mail-'));
    try {
      const message = [
        'From: enterprise-console@example.com',
        'To: guest@example.com',
        'Subject: Report ready',
        '',
        'Your report is ready.',
        '',
      ].join('\r\n');
      // nodemailer's sendmail transport calls: <path> -i -f <from> <to...>
      const result = spawnSync(
        sendmail,
        ['-i', '-f', 'enterprise-console@example.com', 'guest@example.com'],
        { input: message, env: { ...process.env, EC_DEV_MAIL_DIR: outDir } },
      );
      expect(result.status).toBe(0);

      const files = readdirSync(outDir);
      expect(files).toHaveLength(1);
      expect(files[0]).toMatch(/-guest@example\.com\.eml$/);
      expect(readFileSync(join(outDir, files[0]), 'utf8')).toBe(message);
      expect(result.stdout.toString().trim()).toBe(join(outDir, files[0]));
    } finally {
      rmSync(outDir, { recursive: true, force: true });
    }
  });
});
