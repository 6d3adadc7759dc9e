import { BillingApplication } from '@internal/plugin-enterprise-console-common';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { billingPlans } from '../../__fixtures__/billingPlans';
import {
  acmeTenants,
  gammaProBono,
  pendingDeveloper,
  pendingProBono,
  rejectedDeveloper,
} from '../../__fixtures__/billingSubscriptions';
import { fakeConsoleApi } from '../../__fixtures__/fakeConsoleApi';
import { renderWithApis } from '../../__testUtils__/renderWithApis';
import { EnterpriseConsoleApi } from '../../api';
import { BillingTab } from './BillingTab';

jest.setTimeout(30_000);

const BILLING_MANAGE = 'enterprise-console.billing.manage';
const PLAN_CHANGE = 'enterprise-console.tenant.plan.change';

function renderApplications(
  methods: Partial<EnterpriseConsoleApi>,
  search = '?section=applications',
) {
  const listBillingApplications = jest.fn(
    async (): Promise<BillingApplication[]> => [
      rejectedDeveloper,
      pendingProBono,
      pendingDeveloper,
    ],
  );
  const api = fakeConsoleApi({
    listBillingPlans: async () => billingPlans,
    listBillingApplications,
    ...methods,
  });
  const rendered = renderWithApis(<BillingTab />, {
    api,
    granted: [BILLING_MANAGE, PLAN_CHANGE],
    initialEntries: [`/enterprise-console/billing${search}`],
  });
  return { rendered, listBillingApplications };
}

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

/** Types into the field whose label starts with `label` (required ones end in *). */
const type = (label: string, value: string) =>
  fireEvent.change(
    screen.getByLabelText(
      new RegExp(`^${label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`),
    ),
    { target: { value } },
  );

describe('BillingTab applications', () => {
  it('queues the pending applications first and approves one', async () => {
    const approveBillingApplication = jest.fn(async () => ({
      application: { ...pendingProBono, status: 'approved' as const },
      subscription: { ...gammaProBono, startDate: '2026-12-01' },
    }));
    const { rendered, listBillingApplications } = renderApplications({
      approveBillingApplication,
    });
    await rendered;
    expect(await screen.findByText('Application queue')).toBeInTheDocument();
    await waitFor(() => expect(rows()).toHaveLength(3));
    expect(listBillingApplications).toHaveBeenCalledWith({});
    expect(rows().map(row => row.slice(0, 7))).toEqual([
      [
        '2026-11-20',
        'gamma',
        'Pro bono',
        'Standard',
        'Field Nurses Trust: 40 users, 6-month pilotA charity running home visits.',
        'jane',
        'Pending',
      ],
      [
        '2026-11-10',
        'alpha',
        'Developer',
        'Community',
        'Sync of forms to our warehouse.',
        'ann',
        'Pending',
      ],
      [
        '2026-11-25',
        'beta',
        'Developer',
        'Community',
        'A connector to our lab system.',
        'joe',
        'RejectedDeveloper plans are for integration partners.2026-11-26 by billing-admin',
      ],
    ]);
    expect(screen.getByText(/^2 pending\./)).toBeInTheDocument();
    // Decided applications have no actions.
    expect(
      screen.queryByRole('button', { name: 'Approve the application of beta' }),
    ).not.toBeInTheDocument();

    fireEvent.click(
      screen.getByRole('button', { name: 'Approve the application of gamma' }),
    );
    const dialog = await screen.findByRole('dialog', {
      name: 'Approve the pro bono application of gamma?',
    });
    expect(dialog.textContent).toContain(
      'Approving subscribes gamma to Standard at pro bono for 6 months.',
    );
    fireEvent.click(within(dialog).getByRole('button', { name: 'Approve' }));
    expect(
      await screen.findByText(
        'Approved: gamma is subscribed to Standard from 2026-12-01.',
      ),
    ).toBeInTheDocument();
    // The plan asked for and today: nothing to override.
    expect(approveBillingApplication).toHaveBeenCalledWith('app-1', {});
    expect(listBillingApplications).toHaveBeenCalledTimes(2);
  });

  it('approves with another plan and a later start', async () => {
    const approveBillingApplication = jest.fn(async () => ({
      application: { ...pendingProBono, status: 'approved' as const },
      subscription: {
        ...gammaProBono,
        planId: 'pro',
        startDate: '2026-12-01',
      },
    }));
    const { rendered } = renderApplications({ approveBillingApplication });
    await rendered;
    fireEvent.click(
      await screen.findByRole('button', {
        name: 'Approve the application of gamma',
      }),
    );
    await screen.findByRole('dialog');
    await choose('Plan', 'Pro');
    type('Start (UTC; empty: today)', '2026-12-01');
    fireEvent.click(screen.getByRole('button', { name: 'Approve' }));
    await waitFor(() =>
      expect(approveBillingApplication).toHaveBeenCalledWith('app-1', {
        planId: 'pro',
        startDate: '2026-12-01',
      }),
    );
  });

  it('rejects an application with a reason', async () => {
    const rejectBillingApplication = jest.fn(async () => ({
      ...pendingDeveloper,
      status: 'rejected' as const,
    }));
    const { rendered } = renderApplications({ rejectBillingApplication });
    await rendered;
    fireEvent.click(
      await screen.findByRole('button', {
        name: 'Reject the application of alpha',
      }),
    );
    const dialog = await screen.findByRole('dialog', {
      name: 'Reject the developer application of alpha?',
    });
    const reject = within(dialog).getByRole('button', {
      name: 'Reject application',
    });
    expect(reject).toBeDisabled();
    fireEvent.change(within(dialog).getByLabelText(/Reason/), {
      target: { value: '  Not an integration partner ' },
    });
    fireEvent.click(reject);
    expect(
      await screen.findByText('Rejected the application of alpha.'),
    ).toBeInTheDocument();
    expect(rejectBillingApplication).toHaveBeenCalledWith(
      'app-3',
      'Not an integration partner',
    );
  });

  it('filters by status, kept in the URL', async () => {
    const { rendered, listBillingApplications } = renderApplications(
      {},
      '?section=applications&applications=rejected',
    );
    await rendered;
    await waitFor(() =>
      expect(listBillingApplications).toHaveBeenCalledWith({
        status: 'rejected',
      }),
    );
    await choose('Status', 'Pending');
    await waitFor(() =>
      expect(listBillingApplications).toHaveBeenLastCalledWith({
        status: 'pending',
      }),
    );
  });

  it('validates the application form, finds the tenant and posts a pro-bono application', async () => {
    const createBillingApplication = jest.fn(async () => pendingProBono);
    const listTenants = jest.fn(async () => ({
      items: acmeTenants.slice(2).map(t => ({ ...t, canRead: true })),
      totalCount: 1,
    }));
    const { rendered } = renderApplications({
      createBillingApplication,
      listTenants,
    });
    await rendered;
    fireEvent.click(
      await screen.findByRole('button', { name: 'Apply for a plan' }),
    );
    const dialog = await screen.findByRole('dialog', {
      name: 'Apply for a plan',
    });
    fireEvent.click(
      within(dialog).getByRole('button', { name: 'Submit application' }),
    );
    for (const problem of [
      'Choose the tenant.',
      'Enter the organisation.',
      'Enter the reason.',
      'Enter the expected users.',
      'Enter the pilot months.',
    ]) {
      expect(within(dialog).getByText(problem)).toBeInTheDocument();
    }
    expect(createBillingApplication).not.toHaveBeenCalled();

    fireEvent.change(within(dialog).getByLabelText(/^Tenant/), {
      target: { value: 'gam' },
    });
    await waitFor(() =>
      expect(listTenants).toHaveBeenLastCalledWith({
        q: 'gam',
        sort: 'name',
        limit: 20,
      }),
    );
    fireEvent.click(
      await screen.findByRole('option', { name: 'Gamma Clinic (gamma)' }),
    );
    type('Organisation', ' Field Nurses Trust ');
    type('Why the organisation needs a pro-bono plan', 'A charity.');
    type('Expected users', '0');
    type('Pilot months', '37');
    fireEvent.click(
      within(dialog).getByRole('button', { name: 'Submit application' }),
    );
    expect(
      within(dialog).getByText('Enter 1 to 1,000,000.'),
    ).toBeInTheDocument();
    expect(within(dialog).getByText('Enter 1 to 36.')).toBeInTheDocument();
    type('Expected users', '40');
    type('Pilot months', '6');
    fireEvent.click(
      within(dialog).getByRole('button', { name: 'Submit application' }),
    );
    await waitFor(() =>
      expect(createBillingApplication).toHaveBeenCalledWith({
        tenantId: 'gamma',
        kind: 'pro-bono',
        organisation: 'Field Nurses Trust',
        reason: 'A charity.',
        expectedUsers: 40,
        pilotMonths: 6,
      }),
    );
    expect(
      await screen.findByText(/^Application sent for gamma;/),
    ).toBeInTheDocument();
  });

  it('posts a developer application with the plan chosen', async () => {
    const createBillingApplication = jest.fn(async () => pendingDeveloper);
    const { rendered } = renderApplications({
      createBillingApplication,
      listTenants: async () => ({
        items: acmeTenants.map(t => ({ ...t, canRead: true })),
        totalCount: 3,
      }),
    });
    await rendered;
    fireEvent.click(
      await screen.findByRole('button', { name: 'Apply for a plan' }),
    );
    const dialog = await screen.findByRole('dialog');
    fireEvent.mouseDown(within(dialog).getByLabelText(/^Tenant/));
    fireEvent.click(
      await screen.findByRole('option', { name: 'Alpha Clinic (alpha)' }),
    );
    fireEvent.click(within(dialog).getByLabelText('Developer'));
    expect(
      within(dialog).queryByLabelText(/Organisation/),
    ).not.toBeInTheDocument();
    fireEvent.click(
      within(dialog).getByRole('button', { name: 'Submit application' }),
    );
    expect(
      within(dialog).getByText('Enter the integration description.'),
    ).toBeInTheDocument();
    type('What you integrate', 'Sync of forms to our warehouse.');
    await choose('Plan', 'Standard');
    fireEvent.click(
      within(dialog).getByRole('button', { name: 'Submit application' }),
    );
    await waitFor(() =>
      expect(createBillingApplication).toHaveBeenCalledWith({
        tenantId: 'alpha',
        kind: 'developer',
        planId: 'standard',
        integrationDescription: 'Sync of forms to our warehouse.',
      }),
    );
  });
});
