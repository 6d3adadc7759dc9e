import { Browser, expect, Locator, Page, test } from '@playwright/test';

/**
 * A page signed in as a demo persona on `path`, once `ready` shows. On a
 * fresh start the persona may sign in before the backend or the catalog is
 * ready, so each full load signs in again until it does.
 */
export async function asPersona(
  browser: Browser,
  persona: string,
  path: string,
  ready: (page: Page) => Locator,
) {
  const context = await browser.newContext({
    baseURL: test.info().project.use.baseURL,
  });
  const page = await context.newPage();
  const separator = path.includes('?') ? '&' : '?';
  await expect(async () => {
    await page.goto(`${path}${separator}persona=${persona}`);
    await expect(ready(page)).toBeVisible({ timeout: 30_000 });
  }).toPass({ timeout: 300_000 });
  return { page, close: () => context.close() };
}

export async function screenshot(page: Page, name: string) {
  // Away from the sidebar, which opens over the page while hovered.
  await page.mouse.move(1000, 600);
  await page.screenshot({
    path: `e2e-test-report/screenshots/${name}.png`,
    fullPage: true,
  });
}
