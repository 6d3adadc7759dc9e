import { expect, test } from '@playwright/test';
import { asPersona, screenshot } from './persona';

// Two personas sign in, and a full load of the development bundle can take
// most of a minute on a busy machine.
test.setTimeout(600_000);

/**
 * Demo tenants (seed 42, examples/enterprise-console-demo-data): a Pro
 * subscription of ten days ago with a downgrade to Standard asked for
 * today, and an Umbrella Relief tenant whose Admin is the demo tenant admin
 * and which has only a developer application pending. Both tests change
 * that state, so they want a freshly started demo (as CI starts it).
 */
const DOWNGRADING = 'School Meals South Africa 2';
const APPLYING = 'umbrella-case-management-br-003';

const DAY_MS = 24 * 60 * 60 * 1000;

/** The day the demo's downgrade waits for: the Pro start + 30 days (UTC). */
function scheduledDay(): string {
  const today = new Date();
  const start = Date.UTC(
    today.getUTCFullYear(),
    today.getUTCMonth(),
    today.getUTCDate(),
  );
  return new Date(start + 20 * DAY_MS).toISOString().slice(0, 10);
}

test('a billing admin previews and confirms a downgrade, sees it scheduled and cancels it', async ({
  browser,
}) => {
  const { page, close } = await asPersona(
    browser,
    'priya.raman',
    '/enterprise-console/billing?section=subscriptions',
    p => p.getByRole('alert', { name: 'Scheduled changes' }),
  );
  try {
    const label = `Downgrade to Standard on ${scheduledDay()}`;
    const scheduled = page.getByRole('alert', { name: 'Scheduled changes' });
    await expect(scheduled).toContainText(`${DOWNGRADING}: ${label}`);

    // The demo's downgrade is cancelled: the tenant stays on Pro.
    await scheduled
      .getByRole('button', { name: `Cancel: ${DOWNGRADING}, ${label}` })
      .click();
    const cancelDialog = page.getByRole('dialog', {
      name: 'Cancel the scheduled change?',
    });
    await expect(cancelDialog).toContainText(
      `Cancelling it keeps ${DOWNGRADING} on Pro`,
    );
    await cancelDialog
      .getByRole('button', { name: 'Cancel the change' })
      .click();
    await expect(page.getByText(`Cancelled: ${label}.`)).toBeVisible();
    await expect(
      page.getByRole('button', { name: `Change the plan of ${DOWNGRADING}` }),
    ).toBeVisible();

    // Asked again, with the preview first: within the 30-day minimum.
    await page
      .getByRole('button', { name: `Change the plan of ${DOWNGRADING}` })
      .click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('New plan').click();
    await page.getByRole('option', { name: 'Standard', exact: true }).click();
    await expect(dialog.getByText('Scheduled', { exact: true })).toBeVisible();
    await expect(dialog).toContainText(
      `Day 11 of a paid plan's 30-day minimum commitment: the change takes effect on ${scheduledDay()}`,
    );
    await expect(
      dialog.getByRole('table', { name: 'Estimated invoice' }),
    ).toContainText('Estimated total');
    await screenshot(page, 'billing-change-preview');
    await dialog.getByRole('button', { name: 'Confirm change' }).click();
    await expect(dialog).toBeHidden();
    await expect(scheduled).toContainText(`${DOWNGRADING}: ${label}`);
    await screenshot(page, 'billing-downgrade-scheduled');

    // And cancelled.
    await scheduled
      .getByRole('button', { name: `Cancel: ${DOWNGRADING}, ${label}` })
      .click();
    await cancelDialog
      .getByRole('button', { name: 'Cancel the change' })
      .click();
    await expect(page.getByText(`Cancelled: ${label}.`)).toBeVisible();
    await expect(page.getByText(`${DOWNGRADING}: ${label}`)).toHaveCount(0);
  } finally {
    await close();
  }
});

test('a tenant admin applies for a pro-bono plan; a billing admin approves it', async ({
  browser,
}) => {
  const applicant = await asPersona(
    browser,
    'demo-tenant-admin',
    `/enterprise-console/tenants/${APPLYING}`,
    p => p.getByRole('button', { name: 'Apply for a plan' }),
  );
  try {
    const { page } = applicant;
    await page.getByRole('button', { name: 'Apply for a plan' }).click();
    const form = page.getByRole('dialog');
    await form.getByLabel('Pro bono').check();
    await form
      .getByRole('textbox', { name: 'Organisation', exact: true })
      .fill('Umbrella Relief Brazil');
    await form
      .getByLabel('Why the organisation needs a pro-bono plan')
      .fill('A three-month pilot of case management in two clinics.');
    await form.getByLabel('Expected users').fill('25');
    await form.getByLabel('Pilot months').fill('3');
    await screenshot(page, 'billing-apply-pro-bono');
    await form.getByRole('button', { name: 'Submit application' }).click();
    await expect(form).toBeHidden();
    await expect(
      page.getByText('Application sent for Case Management Brazil 3'),
    ).toBeVisible();
    await expect(
      page
        .getByRole('list', { name: 'Plan applications' })
        .getByRole('listitem')
        .filter({ hasText: 'Pro bono' }),
    ).toContainText('Pending');
  } finally {
    await applicant.close();
  }

  const reviewer = await asPersona(
    browser,
    'priya.raman',
    '/enterprise-console/billing?section=applications',
    p => p.getByText('Application queue'),
  );
  try {
    const { page } = reviewer;
    const row = page
      .getByRole('row')
      .filter({ hasText: APPLYING })
      .filter({ hasText: 'Pro bono' });
    await expect(row).toContainText('Pending');
    await row
      .getByRole('button', { name: `Approve the application of ${APPLYING}` })
      .click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('button', { name: 'Approve' }).click();
    await expect(dialog).toBeHidden();
    await expect(row).toContainText('Approved');
    await screenshot(page, 'billing-application-approved');
  } finally {
    await reviewer.close();
  }
});
