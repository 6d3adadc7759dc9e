import {
  CreateReportRunRequest,
  TenantDetail,
  TenantUsage,
} from '@internal/plugin-enterprise-console-common';
import { fireEvent, screen, waitFor } from '@testing-library/react';
import { Route, Routes } from 'react-router-dom';
import { fakeConsoleApi } from '../../__fixtures__/fakeConsoleApi';
import { renderWithApis } from '../../__testUtils__/renderWithApis';
import { lastDays } from '../../lib/dates';
import { TenantPage } from './TenantPage';

jest.setTimeout(30_000);

const TENANT_READ = 'enterprise-console.tenant.read';

const alpha: TenantDetail = {
  id: 'alpha',
  accountId: 'acme',
  accountName: 'Acme Health',
  name: 'Alpha Clinic',
  createdAt: '2025-01-15T08:30:00.000Z',
  timezone: 'UTC',
  feedLimit: 25,
  overview: {
    activeWebUsers: 4,
    activeMobileUsers: 1234,
    inactiveUsers: 2,
    applications: 7,
    smsLast30Days: 3,
    smsPartsLast30Days: 9,
    asOf: '2026-11-20T12:00:00.000Z',
  },
};

function usageOf(
  range: { from?: string; to?: string },
  filled: boolean,
  snapshots = filled,
): TenantUsage {
  const day = range.from ?? '2026-11-01';
  return {
    tenantId: 'alpha',
    from: day,
    to: range.to ?? day,
    meters: [
      { key: 'voice-minutes', name: 'Voice', unit: 'minutes' },
      { key: 'api-calls', name: 'API calls', unit: 'calls' },
    ],
    days: [
      {
        day,
        mobileUsers: snapshots ? 3 : null,
        webUsers: snapshots ? 4 : null,
        submissions: filled ? 2 : 0,
        smsMessages: 0,
        smsParts: 0,
        meters: { 'voice-minutes': filled ? '12.5' : '0', 'api-calls': '0' },
      },
    ],
  };
}

function renderPage(
  options: {
    filled?: boolean;
    snapshots?: boolean;
    path?: string;
    granted?: string[];
    accountId?: string;
  } = {},
) {
  const calls: Array<{ tenantId: string; from?: string; to?: string }> = [];
  const runs: CreateReportRunRequest[] = [];
  const api = fakeConsoleApi({
    createReportRun: async request => {
      runs.push(request);
      return { id: 'run-1', status: 'queued' };
    },
    getTenant: async id => ({
      ...alpha,
      id,
      accountId: options.accountId ?? alpha.accountId,
    }),
    getTenantUsage: async (tenantId, range = {}) => {
      calls.push({ tenantId, ...range });
      return usageOf(range, options.filled ?? true, options.snapshots);
    },
  });
  const rendered = renderWithApis(
    <Routes>
      <Route path="/tenants/:tenantId" element={<TenantPage />} />
    </Routes>,
    {
      api,
      granted: options.granted ?? [TENANT_READ],
      initialEntries: [options.path ?? '/tenants/alpha'],
    },
  );
  return { calls, runs, rendered };
}

describe('TenantPage', () => {
  // usePermission caches decisions for the rest of the file: these two ask
  // about different accounts.
  it('offers no usage report without report.export', async () => {
    const { rendered } = renderPage();
    await rendered;
    await screen.findByRole('heading', { name: 'Alpha Clinic' });
    expect(
      screen.queryByRole('button', { name: 'Generate usage report' }),
    ).not.toBeInTheDocument();
  });

  it("generates the tenant's usage report for users who may export its account's reports", async () => {
    const { runs, rendered } = renderPage({
      granted: [TENANT_READ, 'enterprise-console.report.export'],
      accountId: 'globex',
    });
    await rendered;
    fireEvent.click(
      await screen.findByRole('button', { name: 'Generate usage report' }),
    );
    expect(
      screen.getByText('The report holds the tenant Alpha Clinic (alpha).'),
    ).toBeInTheDocument();
    fireEvent.click(screen.getByRole('button', { name: 'Generate' }));
    await waitFor(() =>
      expect(runs).toEqual([
        {
          accountId: 'globex',
          type: 'tenant-usage',
          name: 'Tenant usage',
          delimiter: ',',
          period: 'last-30-days',
          tenantIds: ['alpha'],
        },
      ]),
    );
  });

  it("shows the tenant's details and a chart per series and meter", async () => {
    const { calls, rendered } = renderPage();
    await rendered;
    expect(
      await screen.findByRole('heading', { name: 'Alpha Clinic' }),
    ).toBeInTheDocument();
    expect(screen.getByText('Acme Health (acme)')).toBeInTheDocument();
    expect(screen.getByText('2025-01-15 (UTC)')).toBeInTheDocument();
    // Plan, edition and status until billing fills them.
    expect(screen.getAllByText('—')).toHaveLength(3);
    // No subscription summary and no plan application without billing.read
    // and tenant.plan.change.
    expect(screen.queryByText('Subscription')).not.toBeInTheDocument();
    expect(
      screen.queryByRole('button', { name: 'Apply for a plan' }),
    ).not.toBeInTheDocument();
    expect(screen.getByText('1,234')).toBeInTheDocument();
    expect(screen.getByText('7')).toBeInTheDocument();
    expect(screen.getByRole('link', { name: '← All tenants' })).toHaveAttribute(
      'href',
      '/enterprise-console/tenants',
    );
    for (const title of [
      'Mobile and web users',
      'Form submissions',
      'SMS',
      'Voice (minutes)',
      'API calls (calls)',
    ]) {
      expect(await screen.findByText(title)).toBeInTheDocument();
    }
    expect(calls).toEqual([{ tenantId: 'alpha', ...lastDays(30) }]);
  });

  it('says when the range holds no data', async () => {
    const { rendered } = renderPage({ filled: false, path: '/tenants/beta' });
    await rendered;
    expect(
      await screen.findByText('No data in this range.'),
    ).toBeInTheDocument();
    expect(screen.queryByText('Form submissions')).not.toBeInTheDocument();
  });

  it('explains a users chart without snapshots', async () => {
    const { rendered } = renderPage({
      snapshots: false,
      path: '/tenants/delta',
    });
    await rendered;
    expect(await screen.findByText('Form submissions')).toBeInTheDocument();
    expect(
      screen.getByText(/No daily user-count snapshot in this range yet/),
    ).toBeInTheDocument();
  });

  it('asks again for the range chosen, and takes it from the URL', async () => {
    const { calls, rendered } = renderPage({
      path: '/tenants/gamma?range=custom&from=2026-01-01&to=2026-03-31',
    });
    await rendered;
    expect(await screen.findByText('Form submissions')).toBeInTheDocument();
    expect(calls).toEqual([
      { tenantId: 'gamma', from: '2026-01-01', to: '2026-03-31' },
    ]);

    fireEvent.click(screen.getByRole('button', { name: 'Last 7 days' }));
    await waitFor(() =>
      expect(calls).toEqual([
        { tenantId: 'gamma', from: '2026-01-01', to: '2026-03-31' },
        { tenantId: 'gamma', ...lastDays(7) },
      ]),
    );

    fireEvent.click(screen.getByRole('button', { name: 'Custom' }));
    fireEvent.change(screen.getByLabelText('Days from (UTC)'), {
      target: { value: '2026-02-01' },
    });
    fireEvent.change(screen.getByLabelText('Days to (UTC)'), {
      target: { value: '2026-02-10' },
    });
    await waitFor(() =>
      expect(calls.at(-1)).toEqual({
        tenantId: 'gamma',
        from: '2026-02-01',
        to: '2026-02-10',
      }),
    );
    // A range the server refuses is explained, not asked for.
    const asked = calls.length;
    fireEvent.change(screen.getByLabelText('Days from (UTC)'), {
      target: { value: '2024-01-01' },
    });
    expect(
      await screen.findByText('The server accepts ranges of at most 366 days.'),
    ).toBeInTheDocument();
    expect(calls).toHaveLength(asked);
  });
});
