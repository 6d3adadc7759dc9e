import { expect, test } from '@playwright/test';
import { signInAsGuest, waitForGuestRoles } from './guest';

// Two users sign in, and a full load of the development bundle can take
// most of a minute on a busy machine.
test.setTimeout(600_000);

test('an enterprise admin compares the plans; a report manager is told what is missing', async ({
  page,
  browser,
}) => {
  await signInAsGuest(page);
  await waitForGuestRoles(page);
  // The enterprise admin holds billing.read on the accounts they administer.
  await page.getByRole('tab', { name: 'Billing' }).click();
  await expect(page).toHaveURL(/\/enterprise-console\/billing$/);
  const table = page.getByRole('table', { name: 'Plan comparison' });
  await expect(table).toBeVisible({ timeout: 60_000 });

  // The default catalogue, one column per plan in catalogue order.
  await expect(table.getByRole('row').first()).toHaveText(
    'PlanCommunityStandardProAdvancedEnterprise',
  );
  const cells = async (label: string) =>
    table
      .getByRole('row')
      .filter({
        has: page.getByRole('rowheader', { name: label, exact: true }),
      })
      .getByRole('cell')
      .allTextContents();
  expect(await cells('Monthly fee')).toEqual([
    '$0.00',
    '$300.00',
    '$600.00',
    '$1,200.00',
    'by contract',
  ]);
  expect(await cells('Included mobile users')).toEqual([
    '10',
    '50',
    '250',
    '500',
    'unlimited',
  ]);
  expect(await cells('Included SMS parts per month')).toEqual([
    '0',
    '50',
    '50',
    '50',
    'unlimited',
  ]);
  expect(await cells('BAA (HIPAA)')).toEqual(['No', 'No', 'No', 'Yes', 'Yes']);
  // Away from the sidebar, which opens over the page while hovered.
  await page.mouse.move(1000, 600);
  await page.screenshot({
    path: 'e2e-test-report/screenshots/billing-plans.png',
    fullPage: true,
  });

  // The report manager holds no billing.read: the server refuses the
  // catalogue, and the tab names the permission.
  const managerContext = await browser.newContext({
    baseURL: test.info().project.use.baseURL,
  });
  try {
    const manager = await managerContext.newPage();
    // The persona signs in on whichever page it opens.
    await manager.goto(
      '/enterprise-console/billing?persona=demo-report-manager',
    );
    await expect(manager.getByText('You do not have access')).toBeVisible({
      timeout: 120_000,
    });
    await expect(
      manager.getByText('enterprise-console.billing.read'),
    ).toBeVisible();
    await expect(manager.getByRole('table')).toHaveCount(0);
    await manager.screenshot({
      path: 'e2e-test-report/screenshots/billing-plans-denied.png',
      fullPage: true,
    });
  } finally {
    await managerContext.close();
  }
});
