import { Entity } from '@backstage/catalog-model';
import { ResponseError } from '@backstage/errors';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import {
  MockPermissionApi,
  renderInTestApp,
  TestApiProvider,
} from '@backstage/test-utils';
import { TenantDetail } from '@internal/plugin-enterprise-console-common';
import { screen, within } from '@testing-library/react';
import {
  alphaFeatures,
  alphaPro,
  alphaStandardScheduled,
} from '../../__fixtures__/billingSubscriptions';
import { billingPlans } from '../../__fixtures__/billingPlans';
import { fakeConsoleApi } from '../../__fixtures__/fakeConsoleApi';
import { EnterpriseConsoleApi, enterpriseConsoleApiRef } from '../../api';
import { rootRouteRef } from '../../routes';
import { EntityTenantCard } from './EntityTenantCard';

const tenant: TenantDetail = {
  id: 'acme-clinic',
  accountId: 'acme',
  accountName: 'Acme Health',
  name: 'Clinic Visits',
  createdAt: '2025-01-01T00:00:00.000Z',
  timezone: 'UTC',
  feedLimit: 25,
  overview: {
    activeWebUsers: 12,
    activeMobileUsers: 1234,
    inactiveUsers: 7,
    applications: 3,
    lastSubmissionAt: '2026-11-20T14:05:00.000Z',
    smsLast30Days: 2500,
    smsPartsLast30Days: 3100,
    asOf: '2026-11-22T08:00:00.000Z',
  },
};

function entity(annotations: Record<string, string> = {}): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name: 'field-app', annotations },
    spec: { type: 'service', owner: 'team', lifecycle: 'production' },
  };
}

function api(
  getTenant: EnterpriseConsoleApi['getTenant'],
): EnterpriseConsoleApi {
  return fakeConsoleApi({ getTenant });
}

async function renderCard(
  forEntity: Entity,
  consoleApi: EnterpriseConsoleApi,
  granted: string[] = [],
) {
  const permissionApi = new MockPermissionApi(request =>
    granted.includes(request.permission.name)
      ? AuthorizeResult.ALLOW
      : AuthorizeResult.DENY,
  );
  return renderInTestApp(
    <TestApiProvider
      apis={[
        [enterpriseConsoleApiRef, consoleApi],
        [permissionApiRef, permissionApi],
      ]}
    >
      <EntityProvider entity={forEntity}>
        <EntityTenantCard />
      </EntityProvider>
    </TestApiProvider>,
    { mountedRoutes: { '/enterprise-console': rootRouteRef } },
  );
}

describe('EntityTenantCard', () => {
  it('shows what exists in the linked tenant', async () => {
    const asked: string[] = [];
    await renderCard(
      entity({ 'enterprise-console.io/tenant': 'acme-clinic' }),
      api(async id => {
        asked.push(id);
        return tenant;
      }),
    );
    expect(
      await screen.findByText('Clinic Visits (acme-clinic)'),
    ).toBeInTheDocument();
    expect(asked).toEqual(['acme-clinic']);
    expect(screen.getByText('Acme Health')).toBeInTheDocument();
    expect(screen.getByText('1,234')).toBeInTheDocument();
    expect(screen.getByText('Nov 20, 2026, 2:05 PM UTC')).toBeInTheDocument();
    expect(screen.getByText('2,500 messages, 3,100 parts')).toBeInTheDocument();
    expect(
      screen.getByRole('link', { name: /Open the tenant's page/ }),
    ).toHaveAttribute('href', '/enterprise-console/tenants/acme-clinic');
    // Without billing.read on the account: no subscription, and no noise.
    expect(screen.queryByText('Subscription')).not.toBeInTheDocument();
  });

  it("adds the tenant's subscription for users who may read its account's billing", async () => {
    const asked: string[] = [];
    await renderCard(
      entity({ 'enterprise-console.io/tenant': 'globex-clinic' }),
      fakeConsoleApi({
        getTenant: async id => ({ ...tenant, id, accountId: 'globex' }),
        listBillingSubscriptions: async filter => {
          asked.push(JSON.stringify(filter));
          return [alphaStandardScheduled, alphaPro];
        },
        getBillingTenantFeatures: async () => alphaFeatures,
        listBillingPlans: async () => billingPlans,
      }),
      ['enterprise-console.billing.read'],
    );
    const summary = await screen.findByLabelText('Subscription');
    expect(await within(summary).findByText('Pro (v1)')).toBeInTheDocument();
    expect(within(summary).getByText('pro')).toBeInTheDocument();
    expect(within(summary).getByText('Active')).toBeInTheDocument();
    expect(
      within(summary).getByText('Downgrade to Standard on 2026-12-15'),
    ).toBeInTheDocument();
    expect(asked).toEqual(['{"tenantId":"globex-clinic"}']);
  });

  it("shows Backstage's missing-annotation state without the annotation", async () => {
    await renderCard(
      entity(),
      api(async () => {
        throw new Error('must not be called');
      }),
    );
    expect(screen.getByText('Missing Annotation')).toBeInTheDocument();
    expect(
      screen.getAllByText(/enterprise-console\.io\/tenant/).length,
    ).toBeGreaterThan(0);
  });

  it('says so when the tenant is unknown', async () => {
    await renderCard(
      entity({ 'enterprise-console.io/tenant': 'gone' }),
      api(async () => {
        throw await ResponseError.fromResponse(
          new Response(
            JSON.stringify({
              error: {
                name: 'NotFoundError',
                message: 'Tenant gone not found',
              },
              request: { method: 'GET', url: '/v1/tenants/gone' },
              response: { statusCode: 404 },
            }),
            { status: 404, headers: { 'Content-Type': 'application/json' } },
          ),
        );
      }),
    );
    expect(
      await screen.findByText('Warning: Unknown tenant'),
    ).toBeInTheDocument();
    expect(
      screen.getByText(/The Enterprise Console has no tenant "gone"/),
    ).toBeInTheDocument();
  });
});
