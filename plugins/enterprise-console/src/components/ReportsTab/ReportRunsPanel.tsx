import { Table, TableColumn } from '@backstage/core-components';
import {
  AccountSummary,
  enterpriseConsoleConsoleReadPermission,
  ReportRun,
} from '@internal/plugin-enterprise-console-common';
import Box from '@material-ui/core/Box';
import FormControlLabel from '@material-ui/core/FormControlLabel';
import Link from '@material-ui/core/Link';
import Switch from '@material-ui/core/Switch';
import Typography from '@material-ui/core/Typography';
import Alert from '@material-ui/lab/Alert';
import { useState } from 'react';
import { formatUtc } from '../../lib/dates';
import { formatCount } from '../../lib/numbers';
import { serverMessage } from '../../lib/serverMessage';
import { useConsolePermission } from '../../permissions';
import { PersonName } from '../PersonName';
import { CancelRunButton } from './CancelRunButton';
import { isActive, isDownloadable } from './runStatus';
import { RunProgress } from './RunProgress';
import { RunStatusChip } from './RunStatusChip';
import { useReportRunsPage } from './useReportRunsPage';
import { useRowEstimates } from './useRowEstimates';

const PAGE_SIZE = 20;

/** The range a run reports on, as it was resolved when it was asked. */
function rangeOf(run: ReportRun): string | undefined {
  const from = run.parameters.from ?? run.parameters.filters?.messageFrom;
  const to = run.parameters.to ?? run.parameters.filters?.messageTo;
  return from && to ? `${formatUtc(from)} – ${formatUtc(to)}` : undefined;
}

/**
 * The run history of an account: status, progress, rows, expiry, download
 * and cancel, one server page at a time. Users who read the account's
 * console may also see everyone's runs.
 */
export function ReportRunsPanel(props: {
  account: AccountSummary;
  pollIntervalMs?: number;
}) {
  const { account, pollIntervalMs = 2000 } = props;
  const { allowed: mayShowEveryone } = useConsolePermission(
    enterpriseConsoleConsoleReadPermission,
    account.id,
  );
  const [onlyMine, setOnlyMine] = useState(true);
  const mine = onlyMine || !mayShowEveryone;
  // cursors[i] opens page i; the first page needs none.
  const [cursors, setCursors] = useState<Array<string | undefined>>([
    undefined,
  ]);
  const [pageIndex, setPageIndex] = useState(0);
  const { page, error, loading, reload } = useReportRunsPage({
    accountId: account.id,
    mine,
    cursor: cursors[pageIndex],
    limit: PAGE_SIZE,
    pollIntervalMs,
  });
  const runs = page?.items ?? [];
  const estimate = useRowEstimates(account.id, runs);

  const showEveryone = (everyone: boolean) => {
    setOnlyMine(!everyone);
    setCursors([undefined]);
    setPageIndex(0);
  };
  const turnTo = (next: number) => {
    if (next > pageIndex && page?.nextCursor) {
      setCursors(known => {
        const copy = known.slice(0, next);
        copy[next] = page.nextCursor;
        return copy;
      });
    }
    setPageIndex(next);
  };

  const columns: TableColumn<ReportRun>[] = [
    {
      title: 'Report',
      field: 'name',
      highlight: true,
      render: run => (
        <>
          {run.name}
          {rangeOf(run) && (
            <Typography variant="caption" display="block">
              {rangeOf(run)}
            </Typography>
          )}
        </>
      ),
    },
    ...(mine
      ? []
      : [
          {
            title: 'Requested by',
            field: 'createdBy',
            render: (run: ReportRun) => (
              <PersonName entityRef={run.createdBy} />
            ),
          },
        ]),
    {
      title: 'Requested (UTC)',
      field: 'createdAt',
      render: run => formatUtc(run.createdAt),
    },
    {
      title: 'Status',
      field: 'status',
      render: run => (
        <>
          <RunStatusChip status={run.status} />
          {run.error && (
            <Typography variant="caption" display="block" color="error">
              {run.error}
            </Typography>
          )}
        </>
      ),
    },
    {
      title: 'Progress',
      render: run => <RunProgress run={run} estimate={estimate(run)} />,
    },
    {
      title: 'Rows',
      type: 'numeric',
      render: run => formatCount(run.rowCount ?? run.rowsWritten),
    },
    {
      title: 'Expires (UTC)',
      field: 'expiresAt',
      render: run =>
        run.status === 'expired' ? 'Expired' : formatUtc(run.expiresAt),
    },
    {
      title: 'Actions',
      render: run => (
        <>
          {isDownloadable(run) && (
            <Link href={run.downloadUrl} download={run.fileName ?? true}>
              Download
            </Link>
          )}
          {isActive(run) && <CancelRunButton run={run} onCancelled={reload} />}
        </>
      ),
    },
  ];

  return (
    <>
      {mayShowEveryone && (
        <Box mb={1}>
          <FormControlLabel
            control={
              <Switch
                checked={onlyMine}
                onChange={event => showEveryone(!event.target.checked)}
                color="primary"
              />
            }
            label="Only my runs"
          />
        </Box>
      )}
      {error && (
        <Box mb={2}>
          <Alert severity="error">{serverMessage(error)}</Alert>
        </Box>
      )}
      <Table<ReportRun>
        title={`Report runs of ${account.name}`}
        columns={columns}
        data={runs}
        isLoading={loading && !page}
        page={pageIndex}
        totalCount={page?.totalCount ?? 0}
        onPageChange={turnTo}
        options={{
          paging: true,
          pageSize: PAGE_SIZE,
          pageSizeOptions: [PAGE_SIZE],
          showFirstLastPageButtons: false,
          search: false,
          sorting: false,
          padding: 'dense',
        }}
        emptyContent={
          <Box p={3}>
            <Typography>
              No report runs yet. Email a report from the Console or SMS tab and
              it appears here with its progress.
            </Typography>
          </Box>
        }
      />
    </>
  );
}
