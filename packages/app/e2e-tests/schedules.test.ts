import { expect, Page, test } from '@playwright/test';
import { signInAsGuest, waitForGuestRoles } from './guest';

// Two users go through every action, each loading the development bundle a
// few times, which can take most of a minute on a busy machine.
test.setTimeout(900_000);

const SCHEDULES = '/enterprise-console/schedules?account=acme-health';

async function shot(page: Page, name: string) {
  await page.screenshot({
    path: `e2e-test-report/screenshots/schedules-${name}.png`,
    fullPage: true,
  });
}

/**
 * Create, disable, enable, edit, run now (and see the run under Reports),
 * open the schedule's own page (its emails link there) and delete it, as
 * whoever `page` is signed in as; `who` names the screenshots.
 */
async function scheduleLifecycle(page: Page, who: string) {
  // A name of its own per run: a reused development database keeps the
  // schedules of earlier runs.
  const name = `E2E ${who} ${Date.now().toString(36)}`;
  await page.goto(SCHEDULES);
  await expect(page.getByText('Schedules of Acme Health')).toBeVisible({
    timeout: 60_000,
  });
  await shot(page, `${who}-list`);

  // Create: weekly on Monday at 08:00 in Berlin, one recipient.
  await page.getByRole('button', { name: 'New schedule' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel(/^Name/).fill(name);
  await dialog.getByLabel('Repeats').click();
  await page.getByRole('option', { name: 'Weekly' }).click();
  await dialog.getByLabel('Day of week').click();
  await page.getByRole('option', { name: 'Monday' }).click();
  await dialog.getByLabel('Time of day').fill('08:00');
  await dialog.getByLabel('Time zone').fill('Europe/Berlin');
  await page
    .getByRole('option', { name: 'Europe/Berlin', exact: true })
    .click();
  const recipients = dialog.getByRole('textbox', { name: 'Recipients' });
  await recipients.fill('ops@example.com');
  await recipients.press('Enter');
  await expect(
    dialog.getByRole('button', { name: 'ops@example.com' }),
  ).toBeVisible();
  await shot(page, `${who}-create-dialog`);
  await dialog.getByRole('button', { name: 'Create schedule' }).click();
  await expect(
    page.getByText(
      `Created ${name}; it runs Every Monday at 08:00 Europe/Berlin.`,
    ),
  ).toBeVisible();
  const row = page.getByRole('row').filter({ hasText: name });
  await expect(row).toContainText('Project Spaces');
  await expect(row).toContainText('Every Monday at 08:00 Europe/Berlin');
  await expect(row).toContainText('ops@example.com');
  // The next run: a Monday 07:00 UTC in winter (08:00 in Berlin).
  await expect(row).toContainText(/\d{4}-\d{2}-\d{2} 0[67]:00:00 UTC/);
  await shot(page, `${who}-created`);

  // Disable: no next run until enabled again.
  await row.getByRole('button', { name: `Disable ${name}` }).click();
  await expect(
    page.getByText(`Disabled ${name}; it will not run until enabled again.`),
  ).toBeVisible();
  await expect(
    row.getByRole('button', { name: `Enable ${name}` }),
  ).toBeVisible();
  await expect(row).not.toContainText(/0[67]:00:00 UTC/);
  await shot(page, `${who}-disabled`);

  await row.getByRole('button', { name: `Enable ${name}` }).click();
  await expect(
    page.getByText(`Enabled ${name}; it runs next as scheduled.`),
  ).toBeVisible();
  await expect(row).toContainText(/\d{4}-\d{2}-\d{2} 0[67]:00:00 UTC/);
  await shot(page, `${who}-enabled`);

  // Edit: other recipients, another time.
  await row.getByRole('button', { name: `Edit ${name}` }).click();
  await expect(dialog.getByLabel(/^Name/)).toHaveValue(name);
  await dialog
    .getByRole('button', { name: 'ops@example.com' })
    .locator('svg')
    .click();
  for (const address of ['finance@example.com', 'cfo@example.org']) {
    await recipients.fill(address);
    await recipients.press('Enter');
  }
  await dialog.getByLabel('Time of day').fill('17:30');
  await shot(page, `${who}-edit-dialog`);
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByText(`Saved ${name}.`)).toBeVisible();
  await expect(row).toContainText('finance@example.com, cfo@example.org');
  await expect(row).not.toContainText('ops@example.com');
  await expect(row).toContainText('Every Monday at 17:30 Europe/Berlin');
  await expect(row).toContainText(/\d{4}-\d{2}-\d{2} 1[67]:30:00 UTC/);
  await shot(page, `${who}-edited`);

  // Run now, then follow the run under Reports until it succeeds.
  await row.getByRole('button', { name: `Run ${name} now` }).click();
  await expect(page.getByText(`Queued a run of ${name};`)).toBeVisible();
  await shot(page, `${who}-run-queued`);
  await page.getByRole('link', { name: 'Follow it under Reports' }).click();
  await expect(page).toHaveURL(/\/enterprise-console\/reports/);
  const run = page.getByRole('row').filter({ hasText: name }).first();
  await expect(run.getByText('Succeeded')).toBeVisible({ timeout: 90_000 });
  await shot(page, `${who}-run-in-reports`);

  // The list shows the last run and its status.
  await page.goto(SCHEDULES);
  await expect(row.getByText('Succeeded')).toBeVisible();

  // The schedule's own page, as its emails link to it, says how to stop it.
  await row.getByRole('link', { name }).click();
  await expect(page).toHaveURL(/\/enterprise-console\/schedules\/[0-9a-f-]+/);
  const card = page.getByLabel(`Schedule ${name}`);
  await expect(card.getByText(`Schedule: ${name}`)).toBeVisible();
  await expect(
    card.getByText(/^To stop this schedule, disable it/),
  ).toBeVisible();
  await shot(page, `${who}-deep-link`);

  // Delete it from there, after confirming.
  await card.getByRole('button', { name: `Delete ${name}` }).click();
  await expect(
    page.getByRole('heading', { name: `Delete ${name}?` }),
  ).toBeVisible();
  await page.getByRole('button', { name: 'Delete schedule' }).click();
  await expect(page.getByText(`Deleted ${name}.`)).toBeVisible();
  await expect(page).toHaveURL(/\/enterprise-console\/schedules\?account=/);
  await expect(page.getByRole('row').filter({ hasText: name })).toHaveCount(0);
  await shot(page, `${who}-deleted`);
}

test('an enterprise admin and a report manager each create, change, run and delete a schedule', async ({
  page,
  browser,
}) => {
  await signInAsGuest(page);
  await waitForGuestRoles(page);
  await scheduleLifecycle(page, 'guest');

  // The report manager holds only report.export and schedule.manage, in a
  // browser context of its own: development-only persona sign-in.
  const managerContext = await browser.newContext({
    baseURL: test.info().project.use.baseURL,
  });
  try {
    const manager = await managerContext.newPage();
    // The persona signs in on whichever page it opens and keeps it for
    // the browser tab.
    await manager.goto(
      '/enterprise-console/schedules?persona=demo-report-manager',
    );
    await expect(
      manager.getByRole('button', { name: 'New schedule' }),
    ).toBeVisible({ timeout: 120_000 });
    await scheduleLifecycle(manager, 'report-manager');
  } finally {
    await managerContext.close();
  }
});
