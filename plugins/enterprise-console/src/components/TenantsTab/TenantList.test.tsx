import {
  CreateReportRunRequest,
  Page,
  TenantListItem,
} from '@internal/plugin-enterprise-console-common';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { useLocation } from 'react-router-dom';
import { acme, accountsApi, initech } from '../../__fixtures__/accounts';
import { tenant } from '../../__fixtures__/reports';
import {
  renderWithApis,
  REPORT_EXPORT,
} from '../../__testUtils__/renderWithApis';
import { EnterpriseConsoleApi, TenantListQuery } from '../../api';
import { TenantList } from './TenantList';

jest.setTimeout(30_000);

const NORTH = tenant('north', 'North Clinic', acme.id, {
  createdAt: '2026-03-04T05:06:07.000Z',
});
// Listed for the account's reports, but its page is closed to the user.
const SOUTH = tenant('south', 'South Clinic', acme.id, { canRead: false });
const FIELD = tenant('field', 'Field Office', initech.id, {
  plan: 'pro',
  edition: 'pro',
  status: 'active',
});

function tenantsApi() {
  const queries: TenantListQuery[] = [];
  const runs: CreateReportRunRequest[] = [];
  const api: EnterpriseConsoleApi = {
    ...accountsApi([acme, initech]),
    async listTenants(query): Promise<Page<TenantListItem>> {
      queries.push(query);
      if (query.cursor === 'page-2') {
        return { items: [FIELD], totalCount: 3 };
      }
      return { items: [NORTH, SOUTH], nextCursor: 'page-2', totalCount: 3 };
    },
    async createReportRun(request) {
      runs.push(request);
      return { id: 'run-1', status: 'queued' };
    },
  };
  return { api, queries, runs };
}

/** Shows the URL's query, as a reload or a shared link would carry it. */
function Search() {
  return <output data-testid="search">{useLocation().search}</output>;
}

const render = (api: EnterpriseConsoleApi, search = '') =>
  renderWithApis(
    <>
      <TenantList />
      <Search />
    </>,
    {
      api,
      granted: [REPORT_EXPORT],
      initialEntries: [`/enterprise-console/tenants${search}`],
    },
  );

async function choose(label: string, option: string) {
  fireEvent.mouseDown(screen.getByLabelText(label));
  fireEvent.click(await screen.findByRole('option', { name: option }));
}

const type = (label: string, value: string) =>
  fireEvent.change(screen.getByLabelText(label), { target: { value } });

const FIRST_PAGE = {
  sort: 'name',
  order: 'asc',
  limit: 25,
  cursor: undefined,
};

describe('TenantList', () => {
  it('keeps filters, sort and order in the URL, and shows the same view from it', async () => {
    const { api, queries } = tenantsApi();
    const first = await render(api);
    expect(await screen.findByText('North Clinic')).toBeInTheDocument();
    expect(queries).toEqual([FIRST_PAGE]);

    await choose('Account', 'Acme Health');
    type('Name contains', 'clinic');
    type('Plan', 'gold');
    type('Created from (UTC)', '2026-01-01');
    type('Created to (UTC)', '2026-03-31');
    fireEvent.click(screen.getByRole('button', { name: 'Apply filters' }));
    const filtered = {
      accountId: 'acme-health',
      plan: 'gold',
      q: 'clinic',
      // The list shows the last day included; the API's end is exclusive.
      createdFrom: '2026-01-01',
      createdTo: '2026-04-01',
    };
    await waitFor(() => expect(queries).toHaveLength(2));
    expect(queries[1]).toEqual({ ...filtered, ...FIRST_PAGE });

    fireEvent.click(screen.getByText('Created (UTC)'));
    await waitFor(() => expect(queries).toHaveLength(3));
    expect(queries[2]).toEqual({
      ...filtered,
      ...FIRST_PAGE,
      sort: 'createdAt',
    });
    fireEvent.click(screen.getByText('Created (UTC)'));
    await waitFor(() => expect(queries).toHaveLength(4));
    expect(queries[3]).toEqual({
      ...filtered,
      ...FIRST_PAGE,
      sort: 'createdAt',
      order: 'desc',
    });
    const search = screen.getByTestId('search').textContent!;
    expect(search).toBe(
      '?account=acme-health&plan=gold&createdFrom=2026-01-01&createdTo=2026-03-31&q=clinic&sort=createdAt&order=desc',
    );

    // A reload: the same URL shows the same filters and asks the same page.
    first.unmount();
    const { api: reloaded, queries: again } = tenantsApi();
    await render(reloaded, search);
    expect(await screen.findByText('North Clinic')).toBeInTheDocument();
    expect(again).toEqual([queries[3]]);
    expect(screen.getByLabelText('Name contains')).toHaveValue('clinic');
    expect(screen.getByLabelText('Plan')).toHaveValue('gold');
    expect(screen.getByLabelText('Created from (UTC)')).toHaveValue(
      '2026-01-01',
    );
    expect(screen.getByLabelText('Created to (UTC)')).toHaveValue('2026-03-31');
    expect(
      screen.getByRole('button', { name: 'Account Acme Health' }),
    ).toBeInTheDocument();
  });

  it('pages by cursor, forwards and back, 25 at a time', async () => {
    const { api, queries } = tenantsApi();
    await render(api);
    expect(await screen.findByText('North Clinic')).toBeInTheDocument();
    expect(screen.getByText('Page 1 · 3 tenants')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Previous' })).toBeDisabled();

    fireEvent.click(screen.getByRole('button', { name: 'Next' }));
    expect(await screen.findByText('Field Office')).toBeInTheDocument();
    expect(screen.queryByText('North Clinic')).not.toBeInTheDocument();
    expect(screen.getByText('Page 2 · 3 tenants')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Next' })).toBeDisabled();

    fireEvent.click(screen.getByRole('button', { name: 'Previous' }));
    expect(await screen.findByText('North Clinic')).toBeInTheDocument();
    expect(queries).toEqual([
      FIRST_PAGE,
      { ...FIRST_PAGE, cursor: 'page-2' },
      FIRST_PAGE,
    ]);
  });

  it('links a tenant to its page only when the user may read it', async () => {
    const { api } = tenantsApi();
    await render(api);
    const north = await screen.findByText('North Clinic');
    expect(north.closest('a')).toHaveAttribute(
      'href',
      '/enterprise-console/tenants/north',
    );
    expect(screen.getByText('South Clinic').closest('a')).toBeNull();
    const row = north.closest('tr') as HTMLElement;
    expect(within(row).getByText('Acme Health')).toBeInTheDocument();
    expect(within(row).getByText('2026-03-04 05:06:07')).toBeInTheDocument();
    // Plan, edition and status are empty until billing records them.
    expect(within(row).getAllByText('—')).toHaveLength(3);
  });

  it('shows the plan, edition and status billing recorded', async () => {
    const { api } = tenantsApi();
    await render(api);
    await screen.findByText('North Clinic');
    fireEvent.click(screen.getByRole('button', { name: 'Next' }));
    const row = (await screen.findByText('Field Office')).closest(
      'tr',
    ) as HTMLElement;
    expect(within(row).getAllByText('pro')).toHaveLength(2);
    expect(within(row).getByText('active')).toBeInTheDocument();
    expect(within(row).queryByText('—')).toBeNull();
  });

  it('lets a report manager ask a usage report for the filter of one account', async () => {
    const { api, runs } = tenantsApi();
    await render(api, '?account=acme-health&q=clinic&createdTo=2026-03-31');
    expect(await screen.findByText('North Clinic')).toBeInTheDocument();
    fireEvent.click(
      await screen.findByRole('button', {
        name: 'Usage report for these tenants',
      }),
    );
    const dialog = await screen.findByRole('dialog');
    expect(
      within(dialog).getByText(
        'The report holds the tenants of Acme Health, whose name or id contains "clinic", created up to 2026-03-31 (UTC).',
      ),
    ).toBeInTheDocument();
    fireEvent.change(within(dialog).getByLabelText(/^Name/), {
      target: { value: 'Clinics in Q1' },
    });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Generate' }));
    expect(
      await within(dialog).findByText(/Report queued/),
    ).toBeInTheDocument();
    expect(
      within(dialog).getByRole('link', { name: 'see the Reports tab' }),
    ).toHaveAttribute(
      'href',
      '/enterprise-console/reports?account=acme-health',
    );
    expect(runs).toEqual([
      {
        accountId: 'acme-health',
        type: 'tenant-usage',
        name: 'Clinics in Q1',
        delimiter: ',',
        period: 'last-30-days',
        filter: {
          accountId: 'acme-health',
          q: 'clinic',
          createdTo: '2026-04-01',
        },
      },
    ]);
  });

  it('asks a usage report for one tenant from its row, and says an account is needed for the filter', async () => {
    const { api, runs } = tenantsApi();
    await render(api);
    expect(
      await screen.findByText(
        'A usage report belongs to one account: choose an account to generate one for these tenants.',
      ),
    ).toBeInTheDocument();
    expect(
      screen.queryByRole('button', { name: 'Usage report for these tenants' }),
    ).not.toBeInTheDocument();
    fireEvent.click(
      await screen.findByRole('button', {
        name: 'Usage report for South Clinic',
      }),
    );
    const dialog = await screen.findByRole('dialog');
    expect(
      within(dialog).getByText(
        'The report holds the tenant South Clinic (south).',
      ),
    ).toBeInTheDocument();
    fireEvent.click(within(dialog).getByRole('button', { name: 'Generate' }));
    await within(dialog).findByText(/Report queued/);
    expect(runs).toEqual([
      {
        accountId: 'acme-health',
        type: 'tenant-usage',
        name: 'Tenant usage',
        delimiter: ',',
        period: 'last-30-days',
        tenantIds: ['south'],
      },
    ]);
  });
});
