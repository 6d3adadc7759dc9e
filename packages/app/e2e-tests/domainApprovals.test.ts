import { expect, test } from '@playwright/test';
import { signInAsGuest, waitForGuestRoles } from './guest';

// Two users sign in, and a full load of the development bundle can take
// most of a minute on a busy machine: the test moves between tabs inside the
// app rather than loading pages again.
test.setTimeout(600_000);

test('a domain an enterprise admin binds applies once a platform admin approves it', async ({
  page,
  browser,
}) => {
  // A domain of its own per run: a domain bound again keeps its state.
  const domain = `e2e-${Date.now().toString(36)}.example.com`;

  await signInAsGuest(page);
  await waitForGuestRoles(page);
  await page.getByRole('tab', { name: 'Settings' }).click();
  await expect(
    page.getByText('Enterprise settings of Acme Health'),
  ).toBeVisible();
  const domains = page.getByLabel('Email domains', { exact: true });
  const before = await domains.inputValue();
  await domains.fill(before ? `${before}, ${domain}` : domain);
  await page.getByRole('button', { name: 'Save settings' }).click();
  await expect(page.getByText('Saved.')).toBeVisible();
  const state = page.getByTestId(`domain-${domain}`);
  await expect(state.getByText('Pending approval')).toBeVisible();
  await expect(
    page.getByText(/A domain applies only once a platform admin approves it/),
  ).toBeVisible();
  await page.screenshot({
    path: 'e2e-test-report/screenshots/domain-pending.png',
    fullPage: true,
  });

  // The platform admin, in a browser context of its own: development-only
  // persona sign-in (enterpriseConsole.demoPersonas), role platform-admin.
  const adminContext = await browser.newContext({
    baseURL: test.info().project.use.baseURL,
  });
  try {
    const admin = await adminContext.newPage();
    // The persona signs in on whichever page it opens.
    await admin.goto(
      '/enterprise-console/domain-approvals?persona=demo-platform-admin',
    );
    const pendingRow = admin.getByRole('row').filter({ hasText: domain });
    await expect(pendingRow).toBeVisible();
    await expect(pendingRow).toContainText('acme-health');
    await expect(pendingRow).toContainText('Guest Admin');
    await admin.screenshot({
      path: 'e2e-test-report/screenshots/domain-approvals.png',
      fullPage: true,
    });

    await pendingRow
      .getByRole('button', { name: `Approve ${domain} for acme-health` })
      .click();
    await expect(
      admin.getByText(`Approved ${domain} for acme-health.`),
    ).toBeVisible();
    await expect(pendingRow).toHaveCount(0);

    await admin.getByLabel('Status').click();
    await admin.getByRole('option', { name: 'Approved' }).click();
    const approvedRow = admin.getByRole('row').filter({ hasText: domain });
    await expect(approvedRow).toContainText('Demo Platform Admin');
    await expect(approvedRow.getByText('Approved')).toBeVisible();
    await admin.screenshot({
      path: 'e2e-test-report/screenshots/domain-approved.png',
      fullPage: true,
    });
  } finally {
    await adminContext.close();
  }

  // Opening the tab again reads the settings again.
  await page.getByRole('tab', { name: 'Single sign-on' }).click();
  await page.getByRole('tab', { name: 'Settings' }).click();
  await expect(state.getByText('Approved')).toBeVisible();
  await expect(state.getByText('Pending approval')).toHaveCount(0);
  await page.screenshot({
    path: 'e2e-test-report/screenshots/domain-approved-settings.png',
    fullPage: true,
  });

  // Leave the account's settings as they were.
  await domains.fill(before);
  await page.getByRole('button', { name: 'Save settings' }).click();
  await expect(page.getByText('Saved.')).toBeVisible();
  await expect(state).toHaveCount(0);
});
