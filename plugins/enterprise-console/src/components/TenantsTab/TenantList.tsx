import { Link, Progress, ResponseErrorPanel } from '@backstage/core-components';
import { useApi, useRouteRef } from '@backstage/core-plugin-api';
import {
  TenantListItem,
  TenantSortKey,
} from '@internal/plugin-enterprise-console-common';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Paper from '@material-ui/core/Paper';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableContainer from '@material-ui/core/TableContainer';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import TableSortLabel from '@material-ui/core/TableSortLabel';
import Typography from '@material-ui/core/Typography';
import Alert from '@material-ui/lab/Alert';
import { useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import useAsync from 'react-use/esm/useAsync';
import { enterpriseConsoleApiRef } from '../../api';
import { loadAllAccounts } from '../../api/loadAllAccounts';
import { formatUtc } from '../../lib/dates';
import { serverMessage } from '../../lib/serverMessage';
import { rootRouteRef } from '../../routes';
import { UsageReportDialog } from '../UsageReportDialog';
import { TenantFiltersForm } from './TenantFiltersForm';
import {
  describeTenantFilter,
  readTenantListView,
  TenantListView,
  toTenantFilter,
  writeTenantListView,
} from './tenantListView';
import { useExportableAccounts } from './useExportableAccounts';

/** Rows per page (the server pages by cursor). */
export const TENANT_PAGE_SIZE = 25;

/** What a usage report is asked for: one tenant, or the current filter. */
type ReportChoice =
  | { accountId: string; tenantIds: string[]; summary: string }
  | { accountId: string; filter: true; summary: string };

const EMPTY = '—';

/**
 * The tenants the user may list (tenant.read, or report.export or
 * console.read on their account), filtered, sorted and paged on the
 * server. Filters, sort and order live in the URL query, so a reload or a
 * shared link shows the same view; the page cursor stays in memory.
 */
export function TenantList() {
  const api = useApi(enterpriseConsoleApiRef);
  const [searchParams, setSearchParams] = useSearchParams();
  const view = readTenantListView(searchParams);
  const accounts = useAsync(
    async () => (await loadAllAccounts(api)).accounts,
    [api],
  );
  const setView = (next: TenantListView) =>
    setSearchParams(writeTenantListView(searchParams, next), { replace: true });

  if (accounts.loading) return <Progress />;
  if (accounts.error) return <ResponseErrorPanel error={accounts.error} />;
  const accountList = accounts.value ?? [];
  const viewKey = writeTenantListView(new URLSearchParams(), view).toString();
  return (
    <>
      <TenantFiltersForm
        key={`filters?${viewKey}`}
        value={view}
        accounts={accountList}
        onApply={setView}
      />
      <TenantTable
        key={`table?${viewKey}`}
        view={view}
        accountNames={
          new Map(accountList.map(account => [account.id, account.name]))
        }
        onSort={sort =>
          setView({
            ...view,
            sort,
            order: view.sort === sort && view.order === 'asc' ? 'desc' : 'asc',
          })
        }
      />
    </>
  );
}

function SortableHead(props: {
  sort: TenantSortKey;
  label: string;
  view: TenantListView;
  onSort: (sort: TenantSortKey) => void;
}) {
  const { sort, label, view, onSort } = props;
  const active = view.sort === sort;
  return (
    <TableCell sortDirection={active ? view.order : false}>
      <TableSortLabel
        active={active}
        direction={active ? view.order : 'asc'}
        onClick={() => onSort(sort)}
      >
        {label}
      </TableSortLabel>
    </TableCell>
  );
}

/** One view's pages; mounted again (a new `key`) when the view changes. */
function TenantTable(props: {
  view: TenantListView;
  accountNames: Map<string, string>;
  onSort: (sort: TenantSortKey) => void;
}) {
  const { view, accountNames, onSort } = props;
  const api = useApi(enterpriseConsoleApiRef);
  const consoleRoot = useRouteRef(rootRouteRef);
  // The cursor of each page reached; the last one is the page shown.
  const [cursors, setCursors] = useState<Array<string | undefined>>([
    undefined,
  ]);
  const [report, setReport] = useState<ReportChoice>();
  const filter = toTenantFilter(view);
  const cursor = cursors[cursors.length - 1];
  const page = useAsync(
    () =>
      api.listTenants({
        ...filter,
        sort: view.sort,
        order: view.order,
        limit: TENANT_PAGE_SIZE,
        cursor,
      }),
    [api, cursor],
  );
  const items: TenantListItem[] = page.value?.items ?? [];
  const exportable = useExportableAccounts([
    view.account,
    ...items.map(tenant => tenant.accountId),
  ]);
  const accountName = (id: string) => accountNames.get(id) ?? id;

  return (
    <>
      <Box display="flex" alignItems="center" mb={2} minHeight={36}>
        {view.account && exportable.has(view.account) && (
          <Button
            variant="outlined"
            color="primary"
            onClick={() =>
              setReport({
                accountId: view.account,
                filter: true,
                summary: describeTenantFilter(view, accountName(view.account)),
              })
            }
          >
            Usage report for these tenants
          </Button>
        )}
        {!view.account && exportable.size > 0 && (
          <Typography variant="body2" color="textSecondary">
            A usage report belongs to one account: choose an account to generate
            one for these tenants.
          </Typography>
        )}
      </Box>
      {page.error && (
        <Box mb={2}>
          <Alert severity="error">{serverMessage(page.error)}</Alert>
        </Box>
      )}
      <TableContainer component={Paper}>
        <Table size="small" aria-label="Tenants">
          <TableHead>
            <TableRow>
              <SortableHead sort="name" label="Name" {...{ view, onSort }} />
              <SortableHead
                sort="accountId"
                label="Account"
                {...{ view, onSort }}
              />
              <TableCell>Plan</TableCell>
              <TableCell>Edition</TableCell>
              <TableCell>Status</TableCell>
              <SortableHead
                sort="createdAt"
                label="Created (UTC)"
                {...{ view, onSort }}
              />
              <TableCell>Actions</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {page.loading && (
              <TableRow>
                <TableCell colSpan={7}>
                  <Progress />
                </TableCell>
              </TableRow>
            )}
            {!page.loading && items.length === 0 && (
              <TableRow>
                <TableCell colSpan={7}>
                  <Typography>No tenants match these filters.</Typography>
                </TableCell>
              </TableRow>
            )}
            {!page.loading &&
              items.map(tenant => (
                <TableRow key={tenant.id}>
                  <TableCell>
                    {tenant.canRead ? (
                      <Link to={`${consoleRoot()}/tenants/${tenant.id}`}>
                        {tenant.name}
                      </Link>
                    ) : (
                      tenant.name
                    )}
                    <Typography variant="caption" display="block">
                      {tenant.id}
                    </Typography>
                  </TableCell>
                  <TableCell>{accountName(tenant.accountId)}</TableCell>
                  {/* Empty until billing records them. */}
                  <TableCell>{tenant.plan ?? EMPTY}</TableCell>
                  <TableCell>{tenant.edition ?? EMPTY}</TableCell>
                  <TableCell>{tenant.status ?? EMPTY}</TableCell>
                  <TableCell>{formatUtc(tenant.createdAt)}</TableCell>
                  <TableCell>
                    {exportable.has(tenant.accountId) && (
                      <Button
                        size="small"
                        aria-label={`Usage report for ${tenant.name}`}
                        onClick={() =>
                          setReport({
                            accountId: tenant.accountId,
                            tenantIds: [tenant.id],
                            summary: `The report holds the tenant ${tenant.name} (${tenant.id}).`,
                          })
                        }
                      >
                        Usage report
                      </Button>
                    )}
                  </TableCell>
                </TableRow>
              ))}
          </TableBody>
        </Table>
      </TableContainer>
      <Box display="flex" alignItems="center" justifyContent="flex-end" mt={1}>
        <Typography variant="body2">
          Page {cursors.length}
          {page.value && ` · ${page.value.totalCount} tenants`}
        </Typography>
        <Box ml={2}>
          <Button
            size="small"
            disabled={cursors.length === 1 || page.loading}
            onClick={() => setCursors(current => current.slice(0, -1))}
          >
            Previous
          </Button>
          <Button
            size="small"
            disabled={!page.value?.nextCursor || page.loading}
            onClick={() =>
              setCursors(current => [...current, page.value?.nextCursor])
            }
          >
            Next
          </Button>
        </Box>
      </Box>
      {report && (
        <UsageReportDialog
          open
          onClose={() => setReport(undefined)}
          accountId={report.accountId}
          summary={report.summary}
          {...('tenantIds' in report
            ? { tenantIds: report.tenantIds }
            : { filter })}
        />
      )}
    </>
  );
}
