import { mockApis, renderTestApp } from '@backstage/frontend-test-utils';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import { screen } from '@testing-library/react';
import { acme, accountsApi } from './__fixtures__/accounts';
import { billingPlans } from './__fixtures__/billingPlans';
import {
  acmeSubscriptions,
  acmeTenants,
  alphaFeatures,
  alphaPro,
} from './__fixtures__/billingSubscriptions';
import { tilesOf } from './__fixtures__/reports';
import { tenantOf, tenantUsageOf } from './__fixtures__/tenants';
import { enterpriseConsoleApiRef } from './api';
import enterpriseConsolePlugin from './alpha';

jest.setTimeout(30_000);

const api = {
  ...accountsApi([acme]),
  getTiles: async (accountId: string) => tilesOf(accountId),
  getTenant: async (tenantId: string) => tenantOf(tenantId),
  getTenantUsage: async (tenantId: string) => tenantUsageOf(tenantId),
  listBillingPlans: async () => billingPlans,
  listTenants: async () => ({
    items: acmeTenants.map(t => ({ ...t, canRead: true })),
    totalCount: acmeTenants.length,
  }),
  listBillingSubscriptions: async (
    filter: { accountId: string } | { tenantId: string },
  ) => ('tenantId' in filter ? [alphaPro] : acmeSubscriptions),
  getBillingTenantFeatures: async () => alphaFeatures,
};

function renderAt(path: string) {
  renderTestApp({
    features: [enterpriseConsolePlugin],
    apis: [
      [enterpriseConsoleApiRef, api],
      [permissionApiRef, mockApis.permission()],
    ],
    initialRouteEntries: [path],
  });
}

describe('enterprise console plugin (new frontend system)', () => {
  it('opens the console page at /enterprise-console on the Console tab', async () => {
    renderAt('/enterprise-console');
    expect(
      await screen.findByText('# of Web Users', {}, { timeout: 10_000 }),
    ).toBeInTheDocument();
    expect(screen.getByText('1,234')).toBeInTheDocument();
    for (const tab of [
      'Console',
      'Reports',
      'Tenants',
      'Schedules',
      'Billing',
      'SMS report',
      'Accounts',
      'Settings',
      'Single sign-on',
      'Domain approvals',
    ]) {
      expect(screen.getByRole('tab', { name: tab })).toBeInTheDocument();
    }
  });

  it('mounts the accounts tab at /enterprise-console/accounts', async () => {
    renderAt('/enterprise-console/accounts');
    expect(
      await screen.findByText('Accounts (1)', {}, { timeout: 10_000 }),
    ).toBeInTheDocument();
    expect(screen.getByText('Acme Health')).toBeInTheDocument();
  });

  it('opens a tenant page at /enterprise-console/tenants/<id>', async () => {
    renderAt('/enterprise-console/tenants/alpha');
    expect(
      await screen.findByRole(
        'heading',
        { name: 'Tenant alpha' },
        { timeout: 10_000 },
      ),
    ).toBeInTheDocument();
    expect(await screen.findByText('Form submissions')).toBeInTheDocument();
  });

  it('opens the billing subscriptions section named in the URL', async () => {
    renderAt('/enterprise-console/billing?section=subscriptions');
    expect(
      await screen.findByText(
        'Subscriptions of Acme Health',
        {},
        { timeout: 10_000 },
      ),
    ).toBeInTheDocument();
    expect(
      (await screen.findByLabelText('Scheduled changes')).textContent,
    ).toContain('Alpha Clinic: Downgrade to Standard on 2026-12-15');
    expect(
      screen.getByRole('tab', { name: 'Subscriptions', selected: true }),
    ).toBeInTheDocument();
  });

  it("shows a tenant's subscription on its page", async () => {
    renderAt('/enterprise-console/tenants/alpha');
    expect(
      await screen.findByText('Pro (v1)', {}, { timeout: 10_000 }),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('button', { name: 'Apply for a plan' }),
    ).toBeInTheDocument();
  });
});
