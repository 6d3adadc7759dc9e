import { Progress } from '@backstage/core-components';
import { useApi, useRouteRef } from '@backstage/core-plugin-api';
import {
  AccountSummary,
  CONSOLE_REPORT_TYPE,
  CONSOLE_REPORTS,
  ConsoleTile,
  enterpriseConsoleReportExportPermission,
} from '@internal/plugin-enterprise-console-common';
import Box from '@material-ui/core/Box';
import Grid from '@material-ui/core/Grid';
import Typography from '@material-ui/core/Typography';
import Alert from '@material-ui/lab/Alert';
import { useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { enterpriseConsoleApiRef } from '../../api';
import { isDate, lastDays } from '../../lib/dates';
import { serverMessage } from '../../lib/serverMessage';
import { useConsolePermission } from '../../permissions';
import { rootRouteRef } from '../../routes';
import { DateRangeFields, DateRangeValue } from '../DateRangeFields';
import {
  rangeProblem,
  ReportQueuedNotice,
  ReportRunDialog,
} from '../ReportRunDialog';
import { TileCard } from './TileCard';

/**
 * The dashboard of one account: a tile per report with its total, the range
 * of the tiles that count within one, and an emailed export per report.
 */
export function ConsoleDashboard(props: { account: AccountSummary }) {
  const { account } = props;
  const api = useApi(enterpriseConsoleApiRef);
  const consoleRoot = useRouteRef(rootRouteRef);
  const { allowed: canExport } = useConsolePermission(
    enterpriseConsoleReportExportPermission,
    account.id,
  );
  const [range, setRange] = useState<DateRangeValue>(() => lastDays(30));
  // Only complete ranges are asked for; the inputs may be half-edited.
  const [applied, setApplied] = useState(range);
  const [emailing, setEmailing] = useState<ConsoleTile>();
  const [queued, setQueued] = useState(false);

  const tiles = useAsync(
    () => api.getTiles(account.id, applied),
    [api, account.id, applied.from, applied.to],
  );

  const changeRange = (next: DateRangeValue) => {
    setRange(next);
    if (isDate(next.from) && isDate(next.to)) setApplied(next);
  };
  const rangeLabel = `${applied.from} – ${applied.to} (UTC)`;
  const smsLink = `${consoleRoot()}/sms?${new URLSearchParams({
    account: account.id,
    from: applied.from,
    to: applied.to,
  })}`;

  return (
    <>
      <Box mb={2}>
        <Typography variant="body2" color="textSecondary" paragraph>
          The range applies to the form submission and SMS tiles and to their
          emailed reports.
        </Typography>
        <DateRangeFields
          idPrefix="console-range"
          label="Date"
          value={range}
          onChange={changeRange}
          helperText={rangeProblem(range)}
        />
      </Box>
      {tiles.error && (
        <Box mb={2}>
          <Alert severity="error">{serverMessage(tiles.error)}</Alert>
        </Box>
      )}
      {tiles.loading && !tiles.value && <Progress />}
      {tiles.value && !tiles.error && (
        <Grid container spacing={3} alignItems="stretch">
          {tiles.value.tiles.map(tile => (
            <Grid item xs={12} sm={6} md={4} key={tile.type}>
              <TileCard
                tile={tile}
                rangeLabel={rangeLabel}
                onEmail={canExport ? () => setEmailing(tile) : undefined}
                browseLink={
                  tile.type === CONSOLE_REPORT_TYPE.smsDetail
                    ? { to: smsLink, label: 'Open SMS report' }
                    : undefined
                }
              />
            </Grid>
          ))}
        </Grid>
      )}
      {emailing && (
        <ReportRunDialog
          open
          onClose={() => setEmailing(undefined)}
          onQueued={() => {
            setEmailing(undefined);
            setQueued(true);
          }}
          accountId={account.id}
          type={emailing.type}
          reportTitle={
            CONSOLE_REPORTS[emailing.type as keyof typeof CONSOLE_REPORTS]
              ?.title ?? emailing.title
          }
          range={emailing.takesDateRange ? applied : undefined}
        />
      )}
      <ReportQueuedNotice
        open={queued}
        accountId={account.id}
        onClose={() => setQueued(false)}
      />
    </>
  );
}
