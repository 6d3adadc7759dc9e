import {
  BillingSubscription,
  BillingSubscriptionChange,
} from '@internal/plugin-enterprise-console-common';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { acme, accountsApi } from '../../__fixtures__/accounts';
import { billingPlans } from '../../__fixtures__/billingPlans';
import {
  acmeSubscriptions,
  acmeTenants,
  alphaPro,
  alphaProOpen,
  alphaStandardScheduled,
  betaImplementation,
  downgradePreview,
  endPreview,
  gammaProBono,
} from '../../__fixtures__/billingSubscriptions';
import { renderWithApis } from '../../__testUtils__/renderWithApis';
import { EnterpriseConsoleApi } from '../../api';
import { BillingTab } from './BillingTab';

jest.setTimeout(30_000);

const BILLING_READ = 'enterprise-console.billing.read';
const BILLING_MANAGE = 'enterprise-console.billing.manage';

/**
 * The subscriptions section of acme-health for a billing manager, the
 * server's list being `lists[n]` on the n-th call (the last one after).
 */
function renderSubscriptions(
  lists: BillingSubscription[][],
  methods: Partial<EnterpriseConsoleApi> = {},
) {
  let calls = 0;
  const api = Object.assign(accountsApi([acme]), {
    listBillingPlans: async () => billingPlans,
    listTenants: async () => ({
      items: acmeTenants.map(t => ({ ...t, canRead: true })),
      totalCount: acmeTenants.length,
    }),
    listBillingSubscriptions: jest.fn(async () => {
      const list = lists[Math.min(calls, lists.length - 1)];
      calls += 1;
      return list;
    }),
    ...methods,
  });
  const rendered = renderWithApis(<BillingTab />, {
    api,
    granted: [BILLING_READ, BILLING_MANAGE],
    initialEntries: ['/enterprise-console/billing?section=subscriptions'],
  });
  return { api, rendered };
}

/** The subscriptions table as text, one array per body row. */
function rows(): string[][] {
  const table = screen.getAllByRole('table').at(-1)!;
  return within(table)
    .getAllByRole('row')
    .slice(1)
    .map(row =>
      Array.from(row.querySelectorAll('td')).map(
        cell => cell.textContent ?? '',
      ),
    );
}

async function choose(label: string, option: string) {
  fireEvent.mouseDown(screen.getByLabelText(label));
  fireEvent.click(await screen.findByRole('option', { name: option }));
}

function outcome(
  next: BillingSubscription,
  preview: { effectiveDate: string; scheduled: boolean; reason?: string },
): BillingSubscriptionChange {
  return { current: alphaPro, next, ...preview };
}

describe('BillingTab subscriptions', () => {
  it('lists the subscriptions of the account and shows a scheduled downgrade, which can be cancelled', async () => {
    const cancelBillingSubscription = jest.fn(async () => ({
      cancelled: alphaStandardScheduled,
      restored: alphaProOpen,
    }));
    const { api, rendered } = renderSubscriptions(
      [acmeSubscriptions, [alphaProOpen, gammaProBono, betaImplementation]],
      { cancelBillingSubscription },
    );
    await rendered;
    expect(
      await screen.findByText('Subscriptions of Acme Health'),
    ).toBeInTheDocument();
    await waitFor(() => expect(rows()).toHaveLength(5));
    expect(api.listBillingSubscriptions).toHaveBeenCalledWith({
      accountId: 'acme-health',
    });
    const [scheduledRow, activeRow, gammaRow, betaRow, endedRow] = rows();
    expect(scheduledRow.slice(0, 8)).toEqual([
      'Alpha Clinic',
      'Standard (v2)',
      'Monthly',
      '2026-12-15',
      'Open-ended',
      'Full price',
      'Product',
      'Scheduled',
    ]);
    expect(activeRow.slice(0, 8)).toEqual([
      'Alpha Clinic',
      'Pro (v1)',
      'Monthly',
      '2026-11-15',
      '2026-12-15',
      'Full price',
      'Product',
      'Active',
    ]);
    // A tenant with a scheduled change is changed only after cancelling it.
    expect(activeRow[8]).toBe(
      'Cancel the scheduled change to change this subscription.',
    );
    expect(gammaRow.slice(1, 8)).toEqual([
      'Standard (v2)',
      'Monthly',
      '2026-10-01',
      'Open-ended',
      'Pro bono',
      'Product',
      'Active',
    ]);
    expect(betaRow.slice(1, 8)).toEqual([
      'Advanced (v1)',
      'Annual',
      '2026-06-01',
      '2027-01-01',
      '20% discount',
      'Implementation',
      'Active',
    ]);
    expect(endedRow[7]).toBe('Ended');
    expect(endedRow[8]).toBe('');

    const banner = screen.getByLabelText('Scheduled changes');
    expect(banner.textContent).toContain(
      'Alpha Clinic: Downgrade to Standard on 2026-12-15',
    );
    fireEvent.click(
      within(banner).getByRole('button', {
        name: 'Cancel: Alpha Clinic, Downgrade to Standard on 2026-12-15',
      }),
    );
    const dialog = await screen.findByRole('dialog', {
      name: 'Cancel the scheduled change?',
    });
    expect(dialog.textContent).toContain(
      'Cancelling it keeps Alpha Clinic on Pro as before the change was scheduled.',
    );
    expect(cancelBillingSubscription).not.toHaveBeenCalled();
    fireEvent.click(
      within(dialog).getByRole('button', { name: 'Cancel the change' }),
    );
    expect(
      await screen.findByText(
        'Cancelled: Downgrade to Standard on 2026-12-15. Alpha Clinic stays on Pro.',
      ),
    ).toBeInTheDocument();
    expect(cancelBillingSubscription).toHaveBeenCalledWith(
      'sub-alpha-standard',
    );
    await waitFor(() =>
      expect(
        screen.queryByLabelText('Scheduled changes'),
      ).not.toBeInTheDocument(),
    );
    expect(api.listBillingSubscriptions).toHaveBeenCalledTimes(2);
  });

  it('shows the preview before confirming a plan change, then the scheduled downgrade', async () => {
    const previewBillingSubscriptionChange = jest.fn(
      async () => downgradePreview,
    );
    const changeBillingSubscription = jest.fn(async () =>
      outcome(alphaStandardScheduled, downgradePreview),
    );
    const { rendered } = renderSubscriptions(
      [[alphaProOpen], [alphaStandardScheduled, alphaPro]],
      { previewBillingSubscriptionChange, changeBillingSubscription },
    );
    await rendered;
    fireEvent.click(
      await screen.findByRole('button', {
        name: 'Change the plan of Alpha Clinic',
      }),
    );
    const dialog = await screen.findByRole('dialog', {
      name: 'Change the plan of Alpha Clinic',
    });
    expect(dialog.textContent).toContain('Alpha Clinic is on Pro (v1).');
    // Nothing is asked of the server before a plan is chosen.
    expect(previewBillingSubscriptionChange).not.toHaveBeenCalled();
    expect(
      within(dialog).getByRole('button', { name: 'Confirm change' }),
    ).toBeDisabled();

    await choose('New plan', 'Standard');
    const preview = await within(dialog).findByTestId('change-preview');
    expect(previewBillingSubscriptionChange).toHaveBeenCalledWith(
      'sub-alpha-pro',
      { planId: 'standard' },
    );
    expect(preview.textContent).toContain('Takes effect on 2026-12-15');
    expect(within(preview).getByText('Scheduled')).toBeInTheDocument();
    expect(
      within(preview).getByText(downgradePreview.reason!),
    ).toBeInTheDocument();
    const lost = within(preview).getByLabelText('Features switched off');
    expect(
      within(lost)
        .getAllByRole('listitem')
        .map(item => item.textContent),
    ).toEqual(['OData feeds: switched off, data kept']);
    const invoice = within(preview).getByRole('table', {
      name: 'Estimated invoice',
    });
    expect(
      within(invoice)
        .getAllByRole('row')
        .map(row =>
          Array.from(row.querySelectorAll('th, td')).map(c => c.textContent),
        ),
    ).toEqual([
      ['Item', 'Quantity', 'Unit price', 'Amount'],
      ['Pro, 2026-12-01 to 2026-12-14', '14/31', '600.00', '270.97'],
      ['Standard, 2026-12-15 to 2026-12-31', '17/31', '300.00', '164.52'],
      ['Estimated total', '435.49'],
    ]);
    expect(preview.textContent).toContain(
      'Estimated invoice for 2026-12 (USD)',
    );
    expect(changeBillingSubscription).not.toHaveBeenCalled();

    fireEvent.click(
      within(dialog).getByRole('button', { name: 'Confirm change' }),
    );
    await waitFor(() =>
      expect(changeBillingSubscription).toHaveBeenCalledWith('sub-alpha-pro', {
        planId: 'standard',
      }),
    );
    expect(
      await screen.findByText(
        `The change of Alpha Clinic to Standard is scheduled for 2026-12-15. ${downgradePreview.reason}`,
      ),
    ).toBeInTheDocument();
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
    expect(
      (await screen.findByLabelText('Scheduled changes')).textContent,
    ).toContain('Alpha Clinic: Downgrade to Standard on 2026-12-15');
  });

  it('ends a subscription after the preview of the fall back to Community', async () => {
    const previewBillingSubscriptionChange = jest.fn(async () => endPreview);
    const endBillingSubscription = jest.fn(async () =>
      outcome({ ...alphaStandardScheduled, planId: 'community' }, endPreview),
    );
    const { rendered } = renderSubscriptions([[alphaProOpen]], {
      previewBillingSubscriptionChange,
      endBillingSubscription,
    });
    await rendered;
    fireEvent.click(
      await screen.findByRole('button', {
        name: 'End the subscription of Alpha Clinic',
      }),
    );
    const dialog = await screen.findByRole('dialog', {
      name: 'End the subscription of Alpha Clinic?',
    });
    const preview = await within(dialog).findByTestId('change-preview');
    expect(previewBillingSubscriptionChange).toHaveBeenCalledWith(
      'sub-alpha-pro',
      { planId: 'community' },
    );
    expect(
      within(within(preview).getByLabelText('Features switched off'))
        .getAllByRole('listitem')
        .map(item => item.textContent),
    ).toEqual([
      'SMS reminders: switched off, data kept',
      'API access: switched off, data kept',
    ]);
    expect(preview.textContent).toContain('270.97');
    fireEvent.click(
      within(dialog).getByRole('button', { name: 'Confirm end' }),
    );
    expect(
      await screen.findByText(
        'The subscription of Alpha Clinic ends on 2026-12-15; Community follows.',
      ),
    ).toBeInTheDocument();
    expect(endBillingSubscription).toHaveBeenCalledWith('sub-alpha-pro');
  });

  it('shows why the server refuses a change and sends nothing', async () => {
    const refusal = Object.assign(new Error('Request failed'), {
      body: {
        error: {
          name: 'ConflictError',
          message: 'Subscription already pays plan pro',
        },
      },
    });
    const changeBillingSubscription = jest.fn();
    const { rendered } = renderSubscriptions([[gammaProBono]], {
      previewBillingSubscriptionChange: async () => {
        throw refusal;
      },
      changeBillingSubscription,
    });
    await rendered;
    fireEvent.click(
      await screen.findByRole('button', {
        name: 'Change the plan of Gamma Clinic',
      }),
    );
    await choose('New plan', 'Pro');
    expect(
      await screen.findByText(
        'Pro cannot be applied now: Subscription already pays plan pro',
      ),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('button', { name: 'Confirm change' }),
    ).toBeDisabled();
    expect(changeBillingSubscription).not.toHaveBeenCalled();
  });

  it('extends an implementation bundle to a later end', async () => {
    const extendBillingSubscription = jest.fn(async () => ({
      ...betaImplementation,
      endDate: '2027-04-01',
    }));
    const { rendered } = renderSubscriptions([[betaImplementation]], {
      extendBillingSubscription,
    });
    await rendered;
    // Only implementation subscriptions are extended.
    fireEvent.click(
      await screen.findByRole('button', {
        name: 'Extend the implementation bundle of Beta Clinic',
      }),
    );
    const dialog = await screen.findByRole('dialog');
    expect(dialog.textContent).toContain('It now ends on 2027-01-01.');
    fireEvent.change(within(dialog).getByLabelText('New end date (UTC)'), {
      target: { value: '2026-12-01' },
    });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Extend' }));
    expect(
      await within(dialog).findByText('The new end must be after 2027-01-01.'),
    ).toBeInTheDocument();
    expect(extendBillingSubscription).not.toHaveBeenCalled();
    fireEvent.change(within(dialog).getByLabelText('New end date (UTC)'), {
      target: { value: '2027-04-01' },
    });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Extend' }));
    expect(
      await screen.findByText(
        'The implementation bundle of Beta Clinic now ends on 2027-04-01.',
      ),
    ).toBeInTheDocument();
    expect(extendBillingSubscription).toHaveBeenCalledWith(
      'sub-beta-impl',
      '2027-04-01',
    );
  });

  it('says so when the account has no subscriptions', async () => {
    const { rendered } = renderSubscriptions([[]]);
    await rendered;
    expect(
      await screen.findByText(/No subscriptions yet\./),
    ).toBeInTheDocument();
  });

  it("shows the server's message when the subscriptions cannot be read", async () => {
    const failure = Object.assign(new Error('Request failed'), {
      body: { error: { name: 'Error', message: 'Database unavailable' } },
    });
    const { rendered } = renderSubscriptions([], {
      listBillingSubscriptions: async () => {
        throw failure;
      },
    });
    await rendered;
    expect(await screen.findByText('Database unavailable')).toBeInTheDocument();
    expect(screen.queryByText(/No subscriptions yet/)).not.toBeInTheDocument();
  });
});
