import { expect, test } from '@playwright/test';
import fs from 'node:fs';
import path from 'node:path';
import { signInAsGuest, waitForGuestRoles } from './guest';

// The development mail transport writes every email here (app-config.yaml).
const DEV_MAIL_DIR = path.resolve(__dirname, '..', '..', '..', '.dev-mail');

const FORM_HEADER =
  'Form Name|Submitted [UTC]|App Name|Mobile User|Project Space Name|Project Name|Project URL\r\n';

test('an enterprise admin emails a report, watches it run and downloads it', async ({
  page,
  request,
}) => {
  const startedAt = Date.now();
  await signInAsGuest(page);
  await waitForGuestRoles(page);

  await page.goto('/enterprise-console/console?account=acme-health');
  const tile = (title: string) =>
    page.locator('.MuiCard-root').filter({ hasText: title });
  // Demo data (seed 42, scale 1): Acme Health has 18 tenants.
  await expect(tile('# of Project Spaces')).toContainText('18');
  const formTile = tile('# of Mobile Form Submissions');
  await expect(formTile).toContainText(/\d/);
  const formTotal = Number(
    (await formTile.getByTestId('tile-total').innerText()).replace(/,/g, ''),
  );
  expect(formTotal).toBeGreaterThan(0);
  await page.screenshot({
    path: 'e2e-test-report/screenshots/console-tiles.png',
    fullPage: true,
  });

  // Every answer about the run this test queues is recorded from before it
  // is queued: the answer to queueing it, then each poll of the run history
  // until the run succeeds. The browser tests' backend writes at most 20
  // rows a second (playwright.config.ts), so the demo's run of some 560
  // rows is running for many of the history's 2-second polls.
  let runId: string | undefined;
  const seen: Array<{ status: string; rowsWritten?: number }> = [];
  page.on('response', async response => {
    const url = new URL(response.url());
    if (!url.pathname.endsWith('/v1/report-runs') || !response.ok()) {
      return;
    }
    const body = await response.json().catch(() => ({}));
    if (response.request().method() === 'POST') {
      runId = body.id;
      seen.push({ status: body.status });
    } else {
      const run = body.items?.find((r: any) => r.id === runId);
      if (run) {
        seen.push({ status: run.status, rowsWritten: run.rowsWritten });
      }
    }
  });
  await page
    .getByRole('button', { name: 'Email report: # of Mobile Form Submissions' })
    .click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('Pipe (|)').check();
  await dialog.getByRole('button', { name: 'Send' }).click();
  await expect(page.getByText(/queued/i)).toBeVisible();

  await page.getByRole('link', { name: 'Follow it under Reports' }).click();
  await expect(page).toHaveURL(/\/enterprise-console\/reports/);
  const row = page
    .getByRole('row')
    .filter({ hasText: 'Mobile Form Submissions' })
    .first();
  await expect(row.getByText('Succeeded')).toBeVisible({ timeout: 60_000 });
  await expect(row).toContainText(formTotal.toLocaleString('en-US'));
  // The run moves only forward from queued, its rows written only ever
  // grow, and the last answer is the finished run.
  // (The listener may still be reading the last answer the page showed.)
  await expect
    .poll(() => seen[seen.length - 1])
    .toEqual({ status: 'succeeded', rowsWritten: formTotal });
  expect(seen[0]).toEqual({ status: 'queued' });
  const order = ['queued', 'running', 'succeeded'];
  const steps = seen.map(entry => order.indexOf(entry.status));
  expect(steps).not.toContain(-1);
  expect(steps).toEqual([...steps].sort((a, b) => a - b));
  const written = seen.flatMap(entry => entry.rowsWritten ?? []);
  expect(written).toEqual([...written].sort((a, b) => a - b));
  // The progress was seen moving, not only its end: at least two polls
  // found the run running, and its rows written grew between two of them.
  const whileRunning = seen
    .filter(entry => entry.status === 'running')
    .map(entry => entry.rowsWritten ?? 0);
  expect(whileRunning.length, JSON.stringify(seen)).toBeGreaterThanOrEqual(2);
  expect(
    whileRunning.some((rows, i) => i > 0 && rows > whileRunning[i - 1]),
    JSON.stringify(seen),
  ).toBe(true);
  await page.screenshot({
    path: 'e2e-test-report/screenshots/report-runs.png',
    fullPage: true,
  });

  const [download] = await Promise.all([
    page.waitForEvent('download'),
    row.getByRole('link', { name: 'Download' }).click(),
  ]);
  expect(download.suggestedFilename()).toMatch(
    /^Acme Health \(Mobile Form Submissions\) \d{8} \d{6}\.csv$/,
  );
  const file = fs.readFileSync((await download.path())!);
  const text = file.toString('utf8');
  expect(text.startsWith(`\ufeff${FORM_HEADER}`)).toBe(true);
  // One line per submission the tile counted, each ending CRLF.
  const lines = text.slice(1).split('\r\n');
  expect(lines.pop()).toBe('');
  expect(lines.length - 1).toBe(formTotal);

  // The email to the guest carries a link that works without a session.
  let link: string | undefined;
  await expect(async () => {
    link = findDownloadLink(startedAt, 'Mobile Form Submissions');
    expect(link).toBeDefined();
  }).toPass({ timeout: 30_000 });
  const fromEmail = await request.get(link!, {
    headers: { cookie: '', authorization: '' },
  });
  expect(fromEmail.status()).toBe(200);
  expect(Buffer.compare(await fromEmail.body(), file)).toBe(0);

  // A tampered link is refused.
  const tampered = await request.get(`${link!.slice(0, -2)}xx`);
  expect(tampered.status()).toBe(404);
});

/** The download link of the newest dev-mail written since `since` about `report`. */
function findDownloadLink(since: number, report: string): string | undefined {
  if (!fs.existsSync(DEV_MAIL_DIR)) {
    return undefined;
  }
  const files = fs
    .readdirSync(DEV_MAIL_DIR)
    .map(name => path.join(DEV_MAIL_DIR, name))
    .filter(file => fs.statSync(file).mtimeMs >= since)
    .sort();
  for (const file of files.reverse()) {
    const mail = decodeQuotedPrintable(fs.readFileSync(file, 'utf8'));
    if (!mail.includes(report)) {
      continue;
    }
    const match = /https?:\/\/[^\s"'<>]+\/v1\/downloads\/[A-Za-z0-9_.-]+/.exec(
      mail,
    );
    if (match) {
      return match[0];
    }
  }
  return undefined;
}

function decodeQuotedPrintable(text: string): string {
  return text
    .replace(/=\r?\n/g, '')
    .replace(/=([0-9A-F]{2})/g, (_, hex) =>
      String.fromCharCode(parseInt(hex, 16)),
    );
}
