import { Link, Table, TableColumn } from '@backstage/core-components';
import { useApi, useRouteRef } from '@backstage/core-plugin-api';
import {
  AccountSummary,
  reportTitle,
  ReportType,
  Schedule,
  ScheduleRequest,
} from '@internal/plugin-enterprise-console-common';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Card from '@material-ui/core/Card';
import CardActions from '@material-ui/core/CardActions';
import CardContent from '@material-ui/core/CardContent';
import CardHeader from '@material-ui/core/CardHeader';
import Dialog from '@material-ui/core/Dialog';
import DialogActions from '@material-ui/core/DialogActions';
import DialogContent from '@material-ui/core/DialogContent';
import DialogContentText from '@material-ui/core/DialogContentText';
import DialogTitle from '@material-ui/core/DialogTitle';
import Typography from '@material-ui/core/Typography';
import Alert from '@material-ui/lab/Alert';
import { ReactNode, useState } from 'react';
import { useNavigate } from 'react-router-dom';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { enterpriseConsoleApiRef } from '../../api';
import { formatUtc } from '../../lib/dates';
import { serverMessage } from '../../lib/serverMessage';
import { rootRouteRef } from '../../routes';
import { PersonName } from '../PersonName';
import { RunStatusChip } from '../ReportsTab/RunStatusChip';
import { ScheduleDialog } from './ScheduleDialog';
import { describeRecurrence, PERIOD_LABELS } from './scheduleForm';

type Outcome = { severity: 'success' | 'error'; message: ReactNode };

function titleOf(type: string): string {
  try {
    return reportTitle(type as ReportType);
  } catch {
    return type;
  }
}

function time(iso: string | null): string {
  return iso ? `${formatUtc(iso)} UTC` : '—';
}

/** A schedule's last run: its status, and why it failed when it did. */
function LastStatus(props: { schedule: Schedule }) {
  const { lastStatus, lastError } = props.schedule;
  if (!lastStatus) return <>—</>;
  return (
    <>
      <RunStatusChip status={lastStatus} />
      {lastError && (
        <Typography variant="caption" display="block" color="error">
          {lastError}
        </Typography>
      )}
    </>
  );
}

/**
 * The scheduled reports of one account, with their actions; `focusId`
 * (the `schedules/<id>` link of a scheduled report's email) shows that
 * schedule above the list with how to stop it.
 */
export function SchedulesPanel(props: {
  account: AccountSummary;
  focus?: Schedule;
}) {
  const { account, focus } = props;
  const api = useApi(enterpriseConsoleApiRef);
  const navigate = useNavigate();
  const consoleRoot = useRouteRef(rootRouteRef);
  const listPath = `${consoleRoot()}/schedules?account=${encodeURIComponent(
    account.id,
  )}`;
  const reportsPath = `${consoleRoot()}/reports?account=${encodeURIComponent(
    account.id,
  )}`;
  const [outcome, setOutcome] = useState<Outcome>();
  const [busy, setBusy] = useState<string>();
  const [editing, setEditing] = useState<Schedule | 'new'>();
  const [deleting, setDeleting] = useState<Schedule>();

  const schedules = useAsyncRetry(async () => {
    const items: Schedule[] = [];
    let cursor: string | undefined;
    do {
      const page = await api.listSchedules({
        accountId: account.id,
        limit: 1000,
        cursor,
      });
      items.push(...page.items);
      cursor = page.nextCursor;
    } while (cursor);
    return items;
  }, [api, account.id]);

  /** Runs an action, says what happened, and shows the list as it now is. */
  const act = async (schedule: Schedule, action: () => Promise<ReactNode>) => {
    setBusy(schedule.id);
    setOutcome(undefined);
    try {
      setOutcome({ severity: 'success', message: await action() });
    } catch (error) {
      setOutcome({ severity: 'error', message: serverMessage(error) });
    } finally {
      setBusy(undefined);
      schedules.retry();
    }
  };

  const setEnabled = (schedule: Schedule, enabled: boolean) =>
    act(schedule, async () => {
      await api.setScheduleEnabled(schedule.id, enabled);
      return enabled
        ? `Enabled ${schedule.name}; it runs next as scheduled.`
        : `Disabled ${schedule.name}; it will not run until enabled again.`;
    });

  const runNow = (schedule: Schedule) =>
    act(schedule, async () => {
      await api.runSchedule(schedule.id);
      return (
        <>
          Queued a run of {schedule.name}; its recipients get the link by email
          when it is ready.{' '}
          <Link to={reportsPath}>Follow it under Reports</Link>
        </>
      );
    });

  const remove = (schedule: Schedule) =>
    act(schedule, async () => {
      await api.deleteSchedule(schedule.id);
      if (focus?.id === schedule.id) navigate(listPath);
      return `Deleted ${schedule.name}.`;
    });

  const save = async (request: ScheduleRequest) => {
    const existing = editing === 'new' ? undefined : editing;
    // Errors reach the dialog, which shows the server's message.
    const saved = existing
      ? await api.updateSchedule(existing.id, request)
      : await api.createSchedule(request);
    setEditing(undefined);
    setOutcome({
      severity: 'success',
      message: existing
        ? `Saved ${saved.name}.`
        : `Created ${saved.name}; it runs ${describeRecurrence(saved)}.`,
    });
    schedules.retry();
  };

  const actions = (schedule: Schedule) => {
    const disabled = busy !== undefined;
    return (
      <Box display="flex" flexWrap="wrap" style={{ gap: 8 }}>
        <Button
          size="small"
          variant="outlined"
          aria-label={`Edit ${schedule.name}`}
          disabled={disabled}
          onClick={() => setEditing(schedule)}
        >
          Edit
        </Button>
        <Button
          size="small"
          variant="outlined"
          aria-label={`${schedule.enabled ? 'Disable' : 'Enable'} ${
            schedule.name
          }`}
          disabled={disabled}
          onClick={() => setEnabled(schedule, !schedule.enabled)}
        >
          {schedule.enabled ? 'Disable' : 'Enable'}
        </Button>
        <Button
          size="small"
          variant="outlined"
          color="primary"
          aria-label={`Run ${schedule.name} now`}
          disabled={disabled}
          onClick={() => runNow(schedule)}
        >
          Run now
        </Button>
        <Button
          size="small"
          aria-label={`Delete ${schedule.name}`}
          disabled={disabled}
          onClick={() => setDeleting(schedule)}
        >
          Delete
        </Button>
      </Box>
    );
  };

  const columns: TableColumn<Schedule>[] = [
    {
      title: 'Name',
      field: 'name',
      highlight: true,
      render: schedule => (
        <Link
          to={`${consoleRoot()}/schedules/${encodeURIComponent(
            schedule.id,
          )}?account=${encodeURIComponent(account.id)}`}
        >
          {schedule.name}
        </Link>
      ),
    },
    { title: 'Report', render: schedule => titleOf(schedule.type) },
    { title: 'Runs', render: schedule => describeRecurrence(schedule) },
    {
      title: 'Recipients',
      render: schedule => schedule.recipients.join(', '),
    },
    { title: 'Next run', render: schedule => time(schedule.nextRunAt) },
    { title: 'Last run', render: schedule => time(schedule.lastRunAt) },
    {
      title: 'Last status',
      render: schedule => <LastStatus schedule={schedule} />,
    },
    {
      title: 'Enabled',
      render: schedule => (schedule.enabled ? 'Yes' : 'No'),
    },
    { title: 'Actions', render: actions },
  ];

  // The focused schedule as the list now has it (after an action).
  const focused =
    focus && focus.accountId === account.id
      ? schedules.value?.find(s => s.id === focus.id) ??
        (schedules.value ? undefined : focus)
      : undefined;

  return (
    <>
      {outcome && (
        <Box mb={2}>
          <Alert severity={outcome.severity}>{outcome.message}</Alert>
        </Box>
      )}
      {focus && focus.accountId !== account.id && (
        <Box mb={2}>
          <Alert severity="warning">
            Schedule {focus.name} belongs to the account {focus.accountId},
            which is not among the enterprise accounts you can choose here.
          </Alert>
        </Box>
      )}
      {focused && (
        <Box mb={2}>
          <Card variant="outlined" aria-label={`Schedule ${focused.name}`}>
            <CardHeader
              title={`Schedule: ${focused.name}`}
              subheader={`${titleOf(focused.type)}, ${describeRecurrence(
                focused,
              )}`}
            />
            <CardContent>
              {focused.description && (
                <Typography paragraph>{focused.description}</Typography>
              )}
              <Typography variant="body2">
                Recipients: {focused.recipients.join(', ')}
              </Typography>
              <Typography variant="body2">
                Period: {PERIOD_LABELS[focused.period] ?? focused.period}
              </Typography>
              <Typography variant="body2">
                Owner: <PersonName entityRef={focused.createdBy} />
              </Typography>
              <Typography variant="body2">
                Status: {focused.enabled ? 'Enabled' : 'Disabled'}; next run{' '}
                {time(focused.nextRunAt)}; last run {time(focused.lastRunAt)}
              </Typography>
              <Box mt={1}>
                <Typography variant="body2" color="textSecondary">
                  To stop this schedule, disable it (it keeps its settings and
                  can be enabled again) or delete it.
                </Typography>
              </Box>
            </CardContent>
            <CardActions>
              {actions(focused)}
              <Button size="small" onClick={() => navigate(listPath)}>
                Close
              </Button>
            </CardActions>
          </Card>
        </Box>
      )}
      {schedules.error && (
        <Box mb={2}>
          <Alert severity="error">{serverMessage(schedules.error)}</Alert>
        </Box>
      )}
      <Box mb={2} display="flex" alignItems="center" style={{ gap: 16 }}>
        <Button
          color="primary"
          variant="contained"
          onClick={() => setEditing('new')}
        >
          New schedule
        </Button>
        <Typography variant="body2" color="textSecondary">
          Scheduled reports run in the background and email their download link
          to the recipients.
        </Typography>
      </Box>
      <Table<Schedule>
        title={`Schedules of ${account.name}`}
        columns={columns}
        data={schedules.value ?? []}
        isLoading={schedules.loading && !schedules.value}
        options={{
          paging: false,
          search: false,
          sorting: false,
          padding: 'dense',
        }}
        emptyContent={
          <Box p={3}>
            <Typography>
              No scheduled reports yet. Use New schedule to send a report by
              email every day, week or month.
            </Typography>
          </Box>
        }
      />
      {editing && (
        <ScheduleDialog
          accountId={account.id}
          schedule={editing === 'new' ? undefined : editing}
          onClose={() => setEditing(undefined)}
          onSave={save}
        />
      )}
      {deleting && (
        <Dialog
          open
          onClose={() => setDeleting(undefined)}
          aria-labelledby="delete-schedule-title"
        >
          <DialogTitle id="delete-schedule-title">
            Delete {deleting.name}?
          </DialogTitle>
          <DialogContent>
            <DialogContentText>
              Its recipients get no more reports from it. Runs it already made
              stay in the report history. To pause it instead, disable it.
            </DialogContentText>
          </DialogContent>
          <DialogActions>
            <Button onClick={() => setDeleting(undefined)}>Cancel</Button>
            <Button
              color="secondary"
              variant="contained"
              onClick={() => {
                const schedule = deleting;
                setDeleting(undefined);
                remove(schedule);
              }}
            >
              Delete schedule
            </Button>
          </DialogActions>
        </Dialog>
      )}
    </>
  );
}
