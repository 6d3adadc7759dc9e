import { expect, Page } from '@playwright/test';

/** Signs in with the guest provider; the guest is an enterprise admin of the demo accounts. */
export async function signInAsGuest(page: Page) {
  await page.goto('/');
  const enter = page.getByRole('button', { name: 'Enter' });
  await expect(enter).toBeVisible();
  await enter.click();
  // The nav element itself has no box (its drawer is fixed), so check a link.
  await expect(
    page
      .getByRole('navigation', { name: 'sidebar nav' })
      .getByRole('link', { name: 'Catalog' }),
  ).toBeVisible();
}

/**
 * On a fresh start the guest may sign in before the catalog has read
 * examples/org.yaml, and then holds no group and so no role. Every full page
 * load signs the guest in again, with the groups once the catalog has them.
 */
export async function waitForGuestRoles(page: Page) {
  // On a busy machine the development bundle takes well over 5 s to start
  // after the page has loaded, so each try waits longer than that.
  await expect(async () => {
    await page.goto('/enterprise-console/accounts');
    await expect(page.getByText('Accounts (5)')).toBeVisible({
      timeout: 30_000,
    });
  }).toPass({ timeout: 240_000 });
}
