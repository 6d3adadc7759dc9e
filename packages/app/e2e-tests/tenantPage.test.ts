import { expect, Page, test } from '@playwright/test';
import { signInAsGuest, waitForGuestRoles } from './guest';

// A full load of the development bundle can take most of a minute on a
// busy machine, and this test loads the page three times.
test.setTimeout(600_000);

/** A demo tenant of Acme Health (seed 42) with forms, SMS and both meters. */
const TENANT = 'acme-vaccination-in-001';
const CHARTS = [
  'Mobile and web users',
  'Form submissions',
  'SMS',
  'Voice (minutes)',
  'API calls (calls)',
];

const utcToday = () => new Date().toISOString().slice(0, 10);

/** A chart card's title (its legend may repeat the words). */
const chartTitle = (page: Page, title: string) =>
  page.locator('.MuiCardHeader-title').getByText(title, { exact: true });

test("a tenant's page shows its details and usage charts, and keeps the range on reload", async ({
  page,
}) => {
  await signInAsGuest(page);
  await waitForGuestRoles(page);
  await page.goto(`/enterprise-console/tenants/${TENANT}`);

  await expect(
    page.getByRole('heading', { name: 'Vaccination India 1' }),
  ).toBeVisible({ timeout: 60_000 });
  await expect(page.getByText('Acme Health (acme-health)')).toBeVisible();
  await expect(page.getByText(TENANT, { exact: true })).toBeVisible();
  await expect(page.getByRole('link', { name: '← All tenants' })).toBeVisible();
  await expect(
    page.getByRole('button', { name: 'Last 30 days' }),
  ).toHaveAttribute('aria-pressed', 'true');

  await page.getByRole('button', { name: 'Last 90 days' }).click();
  await expect(page).toHaveURL(/[?&]range=90d/);
  for (const title of CHARTS) {
    await expect(chartTitle(page, title)).toBeVisible();
  }
  // The demo fills 90 days: bars in the form, SMS and meter charts.
  for (const title of CHARTS.slice(1)) {
    const card = page
      .locator('.MuiCard-root')
      .filter({ has: chartTitle(page, title) });
    // A day of zero is an empty group; a day with a value draws a path.
    await expect(
      card.locator('.recharts-bar-rectangle path').first(),
    ).toBeVisible();
  }
  const rangeText = await page.getByText(/ – .* \(UTC\)$/).textContent();
  const dayBefore = utcToday();

  await page.reload();
  await expect(
    page.getByRole('button', { name: 'Last 90 days' }),
  ).toHaveAttribute('aria-pressed', 'true', { timeout: 60_000 });
  // "Last 90 days" ends today: across midnight UTC it moves by a day, so
  // the same text is only expected when the day has not changed.
  if (utcToday() === dayBefore) {
    await expect(page.getByText(rangeText!, { exact: true })).toBeVisible();
  } else {
    await expect(page.getByText(/ – .* \(UTC\)$/)).toBeVisible();
  }
  await expect(chartTitle(page, 'Form submissions')).toBeVisible();
  await page.screenshot({
    path: 'e2e-test-report/screenshots/tenant-page.png',
    fullPage: true,
  });
});

test('the report-manager persona sees the access-denied page', async ({
  browser,
}) => {
  const context = await browser.newContext({
    baseURL: test.info().project.use.baseURL,
  });
  try {
    const page = await context.newPage();
    // Development-only persona sign-in: report.export and schedule.manage only.
    await page.goto(
      `/enterprise-console/tenants/${TENANT}?persona=demo-report-manager`,
    );
    await expect(page.getByText('You do not have access')).toBeVisible({
      timeout: 120_000,
    });
    await expect(
      page.getByText('enterprise-console.tenant.read', { exact: true }),
    ).toBeVisible();
    await expect(page.getByText('Vaccination India 1')).toHaveCount(0);
    await page.screenshot({
      path: 'e2e-test-report/screenshots/tenant-page-denied.png',
      fullPage: true,
    });
  } finally {
    await context.close();
  }
});
