import { expect, test } from '@playwright/test';
import { signInAsGuest, waitForGuestRoles } from './guest';

test('a guest opens the Enterprise Console and sees the demo accounts', async ({
  page,
}) => {
  await signInAsGuest(page);
  await waitForGuestRoles(page);
  await page.goto('/');

  const nav = page.getByRole('navigation', { name: 'sidebar nav' });
  await nav.getByRole('link', { name: 'Enterprise Console' }).click();
  // The console opens on its dashboard; the accounts are a tab away.
  await expect(page).toHaveURL(/\/enterprise-console\/console$/);
  await page.getByRole('tab', { name: 'Accounts' }).click();
  await expect(page).toHaveURL(/\/enterprise-console\/accounts$/);

  await expect(
    page.getByRole('heading', { name: 'Enterprise Console', level: 1 }),
  ).toBeVisible();
  await expect(page.getByText('Accounts (5)')).toBeVisible();

  // The demo data (seed 42, scale 1): each account with its tenant count.
  const expected = [
    ['Acme Health', 'acme-health', 'Enterprise', '18'],
    ['Globex Logistics', 'globex-logistics', 'Enterprise', '14'],
    ['Initech Field Services', 'initech-field', 'Standard', '6'],
    ['Stark Labs', 'stark-labs', 'Enterprise', '0'],
    ['Umbrella Relief (non-profit)', 'umbrella-ngo', 'Standard', '3'],
  ];
  for (const [name, id, type, tenants] of expected) {
    const row = page.getByRole('row', { name: new RegExp(`^${escape(name)}`) });
    await expect(row.getByRole('cell').nth(0)).toHaveText(name);
    await expect(row.getByRole('cell').nth(1)).toHaveText(id);
    await expect(row.getByRole('cell').nth(2)).toHaveText(type);
    await expect(row.getByRole('cell').nth(5)).toHaveText(tenants);
  }

  await page.screenshot({
    path: 'e2e-test-report/screenshots/enterprise-console.png',
    fullPage: true,
  });

  // An enterprise account's row opens that account's console.
  await page
    .getByRole('row', { name: /^Globex Logistics/ })
    .getByRole('cell')
    .nth(5)
    .click();
  await expect(page).toHaveURL(
    /\/enterprise-console\/console\?account=globex-logistics$/,
  );
  // The account picker shows the account the row named.
  await expect(page.getByRole('button', { name: 'Account' })).toHaveText(
    'Globex Logistics',
  );
});

test('tenants appear in the catalog with their Enterprise Console card', async ({
  page,
}) => {
  await signInAsGuest(page);

  // The catalog module publishes tenants shortly after the backend starts.
  const tenantLinks = page.getByRole('table').getByRole('link', {
    name: /^Clinic Visits|^Supply Chain|^Field Survey|^Maternal Care|^Water Points|^School Meals|^Vaccination|^Asset Audit|^Case Management|^Crop Monitoring/,
  });
  await expect(async () => {
    await page.goto(
      '/?filters%5Bkind%5D=resource&filters%5Btype%5D=tenant&filters%5Buser%5D=all',
    );
    await expect(tenantLinks.first()).toBeVisible({ timeout: 5_000 });
    // The catalog processes the 41 entities over a few seconds.
    await expect(page.getByText('All tenant Resources (41)')).toBeVisible({
      timeout: 5_000,
    });
  }).toPass({ timeout: 90_000 });

  await tenantLinks.first().click();
  await expect(page).toHaveURL(/\/catalog\/default\/resource\//);

  const card = page
    .locator('.MuiCard-root')
    .filter({ hasText: 'Enterprise Console tenant' });
  await expect(card).toBeVisible();
  await expect(card.getByText('Active mobile workers')).toBeVisible();
  await expect(
    card.getByText(/^\d[\d,]* messages, \d[\d,]* parts$/),
  ).toBeVisible();
  // The card links to the tenant's page in the console.
  await expect(
    card.getByRole('link', { name: /Open the tenant's page/ }),
  ).toHaveAttribute('href', /^\/enterprise-console\/tenants\/[a-z0-9-]+$/);

  await page.screenshot({
    path: 'e2e-test-report/screenshots/tenant-entity-card.png',
    fullPage: true,
  });

  // Any entity links to a tenant through the annotation (examples/entities.yaml).
  await page.goto('/catalog/default/component/field-mobile-app');
  const componentCard = page
    .locator('.MuiCard-root')
    .filter({ hasText: 'Enterprise Console tenant' });
  await expect(
    componentCard.getByText(
      'Asset Audit South Africa 15 (acme-asset-audit-za-015)',
    ),
  ).toBeVisible();
  await expect(componentCard.getByText('Acme Health')).toBeVisible();
});

function escape(text: string) {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

test('an enterprise admin changes the settings of an account', async ({
  page,
}) => {
  await signInAsGuest(page);
  await waitForGuestRoles(page);
  await page.goto('/enterprise-console/settings');

  await expect(
    page.getByText('Enterprise settings of Acme Health'),
  ).toBeVisible();
  // The test turns the setting to the other value than it finds and back,
  // so it passes again against a server an earlier run already changed.
  const restrict = page.getByLabel(
    'Restrict tenant creation to enterprise admins',
  );
  const before = await restrict.isChecked();
  await restrict.setChecked(!before);
  await page.getByRole('button', { name: 'Save settings' }).click();
  await expect(page.getByText('Saved.')).toBeVisible();
  await expect(
    // People show by their catalog display name, not an entity ref.
    page.getByText(/Last saved .* UTC by Guest Admin/),
  ).toBeVisible();

  // The saved settings are what the backend now returns.
  await page.reload();
  await expect(restrict).toBeChecked({ checked: !before });

  await page.screenshot({
    path: 'e2e-test-report/screenshots/enterprise-settings.png',
    fullPage: true,
  });

  await restrict.setChecked(before);
  await page.getByRole('button', { name: 'Save settings' }).click();
  await expect(page.getByText('Saved.')).toBeVisible();
  await page.reload();
  await expect(restrict).toBeChecked({ checked: before });
});

test('a user without roles is told they have no access', async ({ page }) => {
  // Development-only persona sign-in (enterpriseConsole.demoPersonas):
  // tomas.silva is in the catalog but in no role of enterpriseConsole.roles.
  await page.goto('/?persona=tomas.silva');
  await expect(
    page
      .getByRole('navigation', { name: 'sidebar nav' })
      .getByRole('link', { name: 'Catalog' }),
  ).toBeVisible();

  await page.goto('/enterprise-console/settings');
  await expect(page.getByText('You do not have access')).toBeVisible();
  await expect(
    page.getByText('enterprise-console.settings.read'),
  ).toBeVisible();
  await expect(page.getByText(/Enterprise settings of/)).toHaveCount(0);

  await page.screenshot({
    path: 'e2e-test-report/screenshots/access-denied.png',
    fullPage: true,
  });

  await page.goto('/enterprise-console/accounts');
  await expect(page.getByText('No accounts yet')).toBeVisible();
});
