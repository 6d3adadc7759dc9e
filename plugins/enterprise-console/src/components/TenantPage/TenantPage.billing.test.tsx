import { ResponseError } from '@backstage/errors';
import { BillingApplication } from '@internal/plugin-enterprise-console-common';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { Route, Routes } from 'react-router-dom';
import { billingPlans } from '../../__fixtures__/billingPlans';
import {
  alphaFeatures,
  alphaPro,
  alphaStandardScheduled,
  pendingDeveloper,
} from '../../__fixtures__/billingSubscriptions';
import { fakeConsoleApi } from '../../__fixtures__/fakeConsoleApi';
import { tenantOf, tenantUsageOf } from '../../__fixtures__/tenants';
import { renderWithApis } from '../../__testUtils__/renderWithApis';
import { EnterpriseConsoleApi } from '../../api';
import { TenantPage } from './TenantPage';

jest.setTimeout(30_000);

const GRANTED = [
  'enterprise-console.tenant.read',
  'enterprise-console.billing.read',
  'enterprise-console.tenant.plan.change',
];

function renderPage(tenantId: string, methods: Partial<EnterpriseConsoleApi>) {
  return renderWithApis(
    <Routes>
      <Route path="/tenants/:tenantId" element={<TenantPage />} />
    </Routes>,
    {
      api: fakeConsoleApi({
        getTenant: async id => ({ ...tenantOf(id), accountId: `${id}-acct` }),
        getTenantUsage: async id => tenantUsageOf(id),
        listBillingPlans: async () => billingPlans,
        ...methods,
      }),
      granted: GRANTED,
      initialEntries: [`/tenants/${tenantId}`],
    },
  );
}

/** The summary card's rows as label → text. */
function summary(): Record<string, string> {
  const card = screen.getByText('Subscription').closest('.MuiCard-root')!;
  const rows: Record<string, string> = {};
  for (const row of within(card as HTMLElement).getAllByRole('row')) {
    const [label, value] = Array.from(row.querySelectorAll('td'));
    rows[label.textContent ?? ''] = value?.textContent ?? '';
  }
  return rows;
}

describe('TenantPage with billing', () => {
  it("summarises the tenant's subscription, its next change and its features", async () => {
    const asked: string[] = [];
    await renderPage('alpha', {
      listBillingSubscriptions: async filter => {
        asked.push(JSON.stringify(filter));
        return [alphaStandardScheduled, alphaPro];
      },
      getBillingTenantFeatures: async id => {
        asked.push(`features ${id}`);
        return alphaFeatures;
      },
    });
    expect(await screen.findByText('Subscription')).toBeInTheDocument();
    await waitFor(() => expect(summary().Plan).toBe('Pro (v1)'));
    expect(summary()).toEqual({
      Plan: 'Pro (v1)',
      Edition: 'pro',
      Status: 'Active',
      'Next Change': 'Downgrade to Standard on 2026-12-15',
      Terms: 'Monthly, full price, product, until 2026-12-15',
      Features: 'API accessSMS remindersOData feeds (in use)',
    });
    expect(asked.sort()).toEqual(['features alpha', '{"tenantId":"alpha"}']);
  });

  it('says there is no subscription when the tenant has none', async () => {
    await renderPage('beta', {
      listBillingSubscriptions: async () => [],
      getBillingTenantFeatures: async () => ({
        tenantId: 'beta',
        planId: null,
        edition: null,
        granted: [],
        inUse: [],
      }),
    });
    await screen.findByText('Subscription');
    await waitFor(() =>
      expect(summary().Status).toBe('No active subscription'),
    );
    expect(summary()).toMatchObject({
      Plan: '—',
      Edition: '—',
      'Next Change': 'None scheduled',
      Features: 'None',
    });
  });

  it('shows no summary and no error when the server refuses the billing', async () => {
    const refusal = await ResponseError.fromResponse(
      new Response(
        JSON.stringify({
          error: { name: 'NotAllowedError', message: 'Not allowed' },
          request: { method: 'GET', url: '/' },
          response: { statusCode: 403 },
        }),
        { status: 403, headers: { 'Content-Type': 'application/json' } },
      ),
    );
    await renderPage('gamma', {
      listBillingSubscriptions: async () => {
        throw refusal;
      },
      getBillingTenantFeatures: async () => {
        throw refusal;
      },
    });
    expect(
      await screen.findByRole('heading', { name: 'Tenant gamma' }),
    ).toBeInTheDocument();
    await waitFor(() =>
      expect(screen.queryByText('Subscription')).not.toBeInTheDocument(),
    );
    expect(screen.queryByText(/could not be loaded/)).not.toBeInTheDocument();
    expect(screen.queryByText(/Not allowed/)).not.toBeInTheDocument();
  });

  it('applies for a developer plan from the tenant page', async () => {
    const sent: BillingApplication[] = [];
    const createBillingApplication = jest.fn(async () => {
      sent.push(pendingDeveloper);
      return pendingDeveloper;
    });
    const listBillingApplications = jest.fn(async () => [...sent]);
    await renderPage('delta', {
      listBillingSubscriptions: async () => [],
      getBillingTenantFeatures: async () => alphaFeatures,
      createBillingApplication,
      listBillingApplications,
    });
    fireEvent.click(
      await screen.findByRole('button', { name: 'Apply for a plan' }),
    );
    const dialog = await screen.findByRole('dialog', {
      name: 'Apply for a plan for Tenant delta',
    });
    // The tenant is the page's: no tenant to choose.
    expect(within(dialog).queryByLabelText(/^Tenant/)).not.toBeInTheDocument();
    fireEvent.click(within(dialog).getByLabelText('Developer'));
    fireEvent.change(within(dialog).getByLabelText(/^What you integrate/), {
      target: { value: 'Sync of forms to our warehouse.' },
    });
    fireEvent.click(
      within(dialog).getByRole('button', { name: 'Submit application' }),
    );
    expect(
      await screen.findByText(/^Application sent for Tenant delta;/),
    ).toBeInTheDocument();
    expect(createBillingApplication).toHaveBeenCalledWith({
      tenantId: 'delta',
      kind: 'developer',
      integrationDescription: 'Sync of forms to our warehouse.',
    });
    // The tenant's applications are listed with their status.
    const list = await screen.findByRole('list', { name: 'Plan applications' });
    expect(
      within(list).getByText('Developer plan, applied 2026-11-10 by ann'),
    ).toBeInTheDocument();
    expect(within(list).getByText('Pending')).toBeInTheDocument();
    expect(listBillingApplications).toHaveBeenLastCalledWith({
      tenantId: 'delta',
    });
  });
});
