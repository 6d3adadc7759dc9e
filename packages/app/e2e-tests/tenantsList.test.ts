import { expect, Page, test } from '@playwright/test';
import { TENANT_USAGE_REPORT } from '@internal/plugin-enterprise-console-common';
import fs from 'node:fs';
import { signInAsGuest, waitForGuestRoles } from './guest';

// The tenant-usage columns, then one per usage meter of app-config.yaml.
const USAGE_HEADER = [
  ...TENANT_USAGE_REPORT.columns.map(column => column.header),
  'Voice (minutes)',
  'API calls (calls)',
].join(',');

const DAY_MS = 24 * 60 * 60 * 1000;
const utcDate = (time: number) => new Date(time).toISOString().slice(0, 10);
// Demo tenants were created over the last three years: a range of the last
// 540 days keeps some of them and leaves out others.
const CREATED_FROM = utcDate(Date.now() - 540 * DAY_MS);
const CREATED_TO = utcDate(Date.now());

/** The tenant ids the list shows, in its order. */
async function shownTenantIds(page: Page): Promise<string[]> {
  const rows = page.locator('table[aria-label="Tenants"] tbody tr');
  await expect(rows.first().locator('.MuiTypography-caption')).toBeVisible();
  return rows.locator('.MuiTypography-caption').allInnerTexts();
}

/**
 * Filters the tenants list (account, name contains, created range), checks
 * the view survives a reload, generates a usage report for the filter and
 * downloads it from the Reports tab.
 */
async function filterReloadAndReport(
  page: Page,
  options: { search: string; screenshot: string; dialogScreenshot?: string },
) {
  await page.goto(`/enterprise-console/tenants${options.search}`);
  await page.locator('#tenant-filter-account').click();
  await page.getByRole('option', { name: 'Acme Health' }).click();
  await page.getByLabel('Name contains').fill('a');
  await page.getByLabel('Created from (UTC)').fill(CREATED_FROM);
  await page.getByLabel('Created to (UTC)').fill(CREATED_TO);
  await page.getByRole('button', { name: 'Apply filters' }).click();
  await expect(page).toHaveURL(
    new RegExp(
      `account=acme-health&createdFrom=${CREATED_FROM}&createdTo=${CREATED_TO}&q=a&sort=name&order=asc`,
    ),
  );
  const total = page.getByText(/^Page 1 · \d+ tenants$/);
  await expect(total).toBeVisible();
  const count = Number(/· (\d+) tenants/.exec(await total.innerText())![1]);
  // Acme Health has 18 demo tenants: the filter keeps some, not all.
  expect(count).toBeGreaterThan(0);
  expect(count).toBeLessThan(18);
  const ids = await shownTenantIds(page);
  expect(ids).toHaveLength(count);
  for (const id of ids) expect(id).toMatch(/^acme-/);
  await page.screenshot({ path: options.screenshot, fullPage: true });

  await page.reload();
  await expect(page.getByLabel('Name contains')).toHaveValue('a');
  await expect(page.getByLabel('Created from (UTC)')).toHaveValue(CREATED_FROM);
  await expect(page.getByLabel('Created to (UTC)')).toHaveValue(CREATED_TO);
  await expect(
    page.getByRole('button', { name: 'Account Acme Health' }),
  ).toBeVisible();
  await expect(page.getByText(`Page 1 · ${count} tenants`)).toBeVisible();
  expect(await shownTenantIds(page)).toEqual(ids);

  const name = `Usage e2e ${Date.now()}`;
  await page
    .getByRole('button', { name: 'Usage report for these tenants' })
    .click();
  const dialog = page.getByRole('dialog');
  await expect(dialog).toContainText(
    `The report holds the tenants of Acme Health, whose name or id contains "a", created from ${CREATED_FROM} to ${CREATED_TO} (UTC).`,
  );
  await dialog.getByLabel(/^Name/).fill(name);
  if (options.dialogScreenshot) {
    await page.screenshot({ path: options.dialogScreenshot, fullPage: true });
  }
  await dialog.getByRole('button', { name: 'Generate' }).click();
  await expect(dialog.getByText(/Report queued/)).toBeVisible();
  await dialog.getByRole('link', { name: 'see the Reports tab' }).click();
  await expect(page).toHaveURL(/\/enterprise-console\/reports/);

  const row = page.getByRole('row').filter({ hasText: name });
  await expect(row.getByText('Succeeded')).toBeVisible({ timeout: 90_000 });
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    row.getByRole('link', { name: 'Download' }).click(),
  ]);
  const text = fs.readFileSync((await download.path())!, 'utf8');
  const lines = text.replace(/^\ufeff/, '').split('\r\n');
  expect(lines.pop()).toBe('');
  expect(lines[0]).toBe(USAGE_HEADER);
  // One row per filtered tenant: its id is the first column.
  const reported = lines.slice(1).map(line => line.split(',')[0]);
  expect([...reported].sort()).toEqual([...ids].sort());
}

test('an enterprise admin filters the tenants list, keeps it over a reload and downloads its usage report', async ({
  page,
}) => {
  test.setTimeout(300_000);
  await signInAsGuest(page);
  await waitForGuestRoles(page);
  await filterReloadAndReport(page, {
    search: '',
    screenshot: 'e2e-test-report/screenshots/tenants-list.png',
    dialogScreenshot: 'e2e-test-report/screenshots/tenants-usage-dialog.png',
  });
});

test('a report manager (report.export and schedule.manage only) does the same', async ({
  browser,
}) => {
  test.setTimeout(300_000);
  const context = await browser.newContext({
    baseURL: test.info().project.use.baseURL,
  });
  try {
    const page = await context.newPage();
    // The persona signs in on whichever page it opens, and the list keeps
    // the parameter when it writes its filters into the URL.
    await filterReloadAndReport(page, {
      search: '?persona=demo-report-manager',
      screenshot: 'e2e-test-report/screenshots/tenants-list-report-manager.png',
    });
  } finally {
    await context.close();
  }
});
