import { expect, test } from '@playwright/test';
import { signInAsGuest, waitForGuestRoles } from './guest';

test('an enterprise admin filters and sorts the SMS detailed report', async ({
  page,
}) => {
  await signInAsGuest(page);
  await waitForGuestRoles(page);

  const requests: URL[] = [];
  page.on('request', req => {
    if (/\/v1\/sms\?/.test(req.url())) {
      requests.push(new URL(req.url()));
    }
  });

  await page.goto('/enterprise-console/sms?account=acme-health');
  const rows = page.locator('tbody tr').filter({ hasText: /sms-/ });
  // Demo data has messages in the last 7 days of every Acme Health tenant.
  await expect(rows.first()).toContainText(/acme-/);
  const first = requests[requests.length - 1];
  expect(first.searchParams.get('accountId')).toBe('acme-health');

  // Validity "Invalid": the server filters, and every row shown is invalid.
  await page.locator('#sms-validity').click();
  await page.getByRole('option', { name: 'Invalid' }).click();
  await expect
    .poll(() => requests[requests.length - 1].searchParams.get('validity'))
    .toBe('invalid');
  const validity = rows.locator('td:nth-child(10)');
  await expect(async () => {
    const cells = await validity.allInnerTexts();
    expect(cells.length).toBeGreaterThan(0);
    expect(new Set(cells)).toEqual(new Set(['No']));
  }).toPass({ timeout: 15_000 });

  // Sorting is the server's: a click on a header asks for that order, and
  // the rows shown come in it. Descending, the first page holds the longest
  // messages, so it shows more than one length and its order is no accident.
  const header = page.getByRole('columnheader', { name: 'SMS Parts' });
  const parts = async () =>
    (await rows.locator('td:nth-child(4)').allInnerTexts()).map(Number);
  await header.click();
  await expect
    .poll(() => requests[requests.length - 1].searchParams.get('sort'))
    .toBe('parts');
  await expect
    .poll(() => requests[requests.length - 1].searchParams.get('order'))
    .toBe('asc');
  let ascending: number[] = [];
  await expect(async () => {
    ascending = await parts();
    expect(ascending.length).toBeGreaterThan(0);
    expect(ascending).toEqual([...ascending].sort((a, b) => a - b));
  }).toPass({ timeout: 15_000 });

  await header.click();
  await expect
    .poll(() => requests[requests.length - 1].searchParams.get('order'))
    .toBe('desc');
  await expect(async () => {
    const descending = await parts();
    expect(descending.length).toBeGreaterThan(0);
    expect(descending).toEqual([...descending].sort((a, b) => b - a));
    expect(descending[0]).toBeGreaterThan(descending[descending.length - 1]);
    expect(descending[0]).toBeGreaterThanOrEqual(Math.max(...ascending));
  }).toPass({ timeout: 15_000 });

  await page.screenshot({
    path: 'e2e-test-report/screenshots/sms-report.png',
    fullPage: true,
  });
});
