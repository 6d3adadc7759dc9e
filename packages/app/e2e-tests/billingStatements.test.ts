import { expect, Page, test } from '@playwright/test';
import { readFile } from 'node:fs/promises';
import { asPersona, screenshot } from './persona';

// A full load of the development bundle can take most of a minute on a
// busy machine, and the persona may sign in before the backend is ready.
test.setTimeout(600_000);

/**
 * The demo ledger (examples/enterprise-console-demo-data) invoices the three
 * months before this one and leaves each account's first statement of the
 * oldest month overdue. The test runs an older month and pays a statement,
 * so it wants a freshly started demo (as CI starts it).
 */
const ACCOUNT = 'Acme Health';

/** The month `back` months before this one, YYYY-MM (UTC). */
function monthsBack(back: number): string {
  const today = new Date();
  return new Date(
    Date.UTC(today.getUTCFullYear(), today.getUTCMonth() - back, 1),
  )
    .toISOString()
    .slice(0, 7);
}

/** "$1,234.56" as cents, and back (as the console formats money). */
function centsOf(shown: string): bigint {
  return BigInt(shown.replace(/[$,.]/g, ''));
}
function dollars(cents: bigint): string {
  const whole = (cents / 100n).toString().replace(/\B(?=(\d{3})+$)/g, ',');
  return `$${whole}.${String(cents % 100n).padStart(2, '0')}`;
}

/** The Balance the statement page's totals show, in cents. */
async function balanceOf(page: Page): Promise<bigint> {
  const totals = page.getByRole('group', { name: 'Totals' });
  const row = totals.getByRole('row').filter({ hasText: 'Balance' });
  const text = await row.innerText();
  const shown = /\$[\d,]+\.\d{2}/.exec(text);
  expect(shown, `a balance in "${text}"`).not.toBeNull();
  return centsOf(shown![0]);
}

async function recordPayment(page: Page, amount: string, reference: string) {
  await page.getByRole('button', { name: 'Record payment' }).click();
  const dialog = page.getByRole('dialog', { name: 'Record payment' });
  await dialog.getByLabel('Amount').fill(amount);
  await dialog.getByLabel('Reference').fill(reference);
  return dialog;
}

test('a billing admin runs a past month, opens an overdue statement, downloads its PDF and pays it in two parts', async ({
  browser,
}) => {
  const { page, close } = await asPersona(
    browser,
    'priya.raman',
    '/enterprise-console/billing?section=statements',
    p => p.getByRole('button', { name: 'Run invoices' }),
  );
  try {
    await page.getByLabel('Account').click();
    await page.getByRole('option', { name: ACCOUNT, exact: true }).click();
    await expect(
      page.getByRole('heading', { name: `Statements of ${ACCOUNT}` }),
    ).toBeVisible();

    // A month the demo has not invoiced; run again, it makes nothing more.
    const period = monthsBack(5);
    await page.getByLabel('Month to invoice (UTC)').fill(period);
    await page.getByRole('button', { name: 'Run invoices' }).click();
    const result = page.getByRole('alert', { name: 'Invoice run result' });
    await expect(result).toHaveText(
      new RegExp(`^${period}: Created \\d+ · Existing 0 · Failed 0$`),
      { timeout: 120_000 },
    );
    const created = /Created (\d+)/.exec(await result.innerText())![1];
    await page.getByRole('button', { name: 'Run invoices' }).click();
    await expect(result).toHaveText(
      `${period}: Created 0 · Existing ${created} · Failed 0`,
      { timeout: 120_000 },
    );

    // The overdue statement stands out, above the list and in it.
    await expect(
      page.getByRole('alert', { name: 'Overdue statements' }),
    ).toHaveText(/^\d+ overdue, \$[\d,]+\.\d{2} due$/);
    const overdueRow = page
      .getByRole('row')
      .filter({ has: page.getByText('Overdue', { exact: true }) })
      .first();
    await screenshot(page, 'billing-statements');

    const link = overdueRow.getByRole('link', { name: /^Open Statement \d+$/ });
    const number = /\d+$/.exec((await link.getAttribute('aria-label'))!)![0];
    await link.click();
    const title = `Statement ${number}`;
    const heading = page.getByRole('heading', { name: title });
    await expect(heading).toBeVisible();
    // The heading's row: the title, its status chip and the actions.
    const header = heading.locator('..');
    await expect(header.getByText('Overdue', { exact: true })).toBeVisible();
    await screenshot(page, 'billing-statement-page');

    // Its PDF, named by its number.
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page
        .getByRole('button', { name: `Download the PDF of ${title}` })
        .click(),
    ]);
    expect(download.suggestedFilename()).toBe(`statement-${number}.pdf`);
    const pdf = await readFile((await download.path())!);
    expect(pdf.subarray(0, 4).toString('latin1')).toBe('%PDF');

    // Paid in part: still due (overdue), with the smaller balance.
    const before = await balanceOf(page);
    expect(before > 100n).toBe(true);
    const dialog = await recordPayment(page, '1.00', 'E2E-PART');
    await screenshot(page, 'billing-record-payment');
    await dialog.getByRole('button', { name: 'Record payment' }).click();
    await expect(dialog).toBeHidden();
    await expect(
      page.getByText(/^Payment of \$1\.00 recorded: applied to /),
    ).toBeVisible();
    const totals = page.getByRole('group', { name: 'Totals' });
    await expect(totals).toContainText(dollars(before - 100n));
    expect(await balanceOf(page)).toBe(before - 100n);
    await expect(header.getByText('Overdue', { exact: true })).toBeVisible();

    // And the rest: paid, nothing left.
    const rest = before - 100n;
    const last = await recordPayment(
      page,
      dollars(rest).replace(/[$,]/g, ''),
      'E2E-REST',
    );
    await last.getByRole('button', { name: 'Record payment' }).click();
    await expect(last).toBeHidden();
    await expect(totals).toContainText('$0.00');
    expect(await balanceOf(page)).toBe(0n);
    await expect(header.getByText('Paid', { exact: true })).toBeVisible();
    await expect(page.getByText('Overdue', { exact: true })).toHaveCount(0);
    await expect(
      page.getByRole('button', { name: 'Record payment' }),
    ).toHaveCount(0);
    await screenshot(page, 'billing-statement-paid');
  } finally {
    await close();
  }
});
