import {
  reportTitle,
  Schedule,
  SCHEDULE_PERIODS,
  ScheduleRecurrence,
  ScheduleRequest,
  DEFAULT_SCHEDULE_PERIODS,
  TENANT_USAGE_REPORT_TYPE,
  ReportType,
} from '@internal/plugin-enterprise-console-common';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Dialog from '@material-ui/core/Dialog';
import DialogActions from '@material-ui/core/DialogActions';
import DialogContent from '@material-ui/core/DialogContent';
import DialogTitle from '@material-ui/core/DialogTitle';
import FormControlLabel from '@material-ui/core/FormControlLabel';
import MenuItem from '@material-ui/core/MenuItem';
import Switch from '@material-ui/core/Switch';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import Alert from '@material-ui/lab/Alert';
import Autocomplete from '@material-ui/lab/Autocomplete';
import { useMemo, useState } from 'react';
import { serverMessage } from '../../lib/serverMessage';
import { useAccountTenants } from '../SmsTab/useAccountTenants';
import { RecipientsField } from './RecipientsField';
import {
  DAY_LABELS,
  emptyForm,
  formOf,
  formProblems,
  isEmailAddress,
  MAX_DESCRIPTION_LENGTH,
  MAX_NAME_LENGTH,
  PERIOD_LABELS,
  RANGE_REPORT_TYPES,
  SCHEDULABLE_REPORT_TYPES,
  SCHEDULE_DAYS_OF_WEEK,
  ScheduleForm,
  scheduleRequest,
  TENANT_FILTER_FIELDS,
  TenantChoice,
  timeZoneOptions,
} from './scheduleForm';

const RECURRENCES: Array<[ScheduleRecurrence, string]> = [
  ['daily', 'Daily'],
  ['weekly', 'Weekly'],
  ['monthly', 'Monthly'],
];

const TENANT_CHOICES: Array<[TenantChoice, string]> = [
  ['all', 'All tenants of the account'],
  ['chosen', 'Chosen tenants'],
  ['filter', 'Tenants matching a filter'],
];

/** The tenants of a tenant usage schedule: all, chosen ones, or a filter. */
function TenantsFields(props: {
  accountId: string;
  form: ScheduleForm;
  update: (patch: Partial<ScheduleForm>) => void;
  problem?: string;
}) {
  const { accountId, form, update, problem } = props;
  const tenants = useAccountTenants(accountId);
  const names = new Map((tenants.value ?? []).map(t => [t.id, t.name]));
  return (
    <>
      <TextField
        select
        fullWidth
        variant="outlined"
        margin="dense"
        id="schedule-tenant-choice"
        label="Tenants"
        value={form.tenantChoice}
        onChange={event =>
          update({ tenantChoice: event.target.value as TenantChoice })
        }
        error={Boolean(problem) && form.tenantChoice === 'all'}
      >
        {TENANT_CHOICES.map(([value, label]) => (
          <MenuItem key={value} value={value}>
            {label}
          </MenuItem>
        ))}
      </TextField>
      {form.tenantChoice === 'chosen' && (
        <Autocomplete<string, true>
          multiple
          options={(tenants.value ?? []).map(t => t.id)}
          loading={tenants.loading}
          value={form.tenantIds}
          getOptionLabel={id => names.get(id) ?? id}
          onChange={(_event, tenantIds) => update({ tenantIds })}
          renderInput={params => (
            <TextField
              {...params}
              variant="outlined"
              margin="dense"
              label="Chosen tenants"
              id="schedule-tenant-ids"
              error={Boolean(problem)}
              helperText={problem}
            />
          )}
        />
      )}
      {form.tenantChoice === 'filter' && (
        <Box display="flex" flexWrap="wrap" style={{ gap: 8 }}>
          {TENANT_FILTER_FIELDS.map(([field, label]) => (
            <TextField
              key={field}
              variant="outlined"
              margin="dense"
              id={`schedule-filter-${field}`}
              label={label}
              value={form.filter[field] ?? ''}
              onChange={event =>
                update({
                  filter: { ...form.filter, [field]: event.target.value },
                })
              }
              inputProps={{ maxLength: field === 'q' ? 200 : 100 }}
            />
          ))}
          {problem && (
            <Typography variant="caption" color="error" display="block">
              {problem}
            </Typography>
          )}
        </Box>
      )}
    </>
  );
}

/**
 * Creates a schedule or edits one: what to report, when, and to whom. The
 * form names its own mistakes next to their fields and shows the server's
 * message when the server still refuses (a range the report does not
 * take, no email transport).
 */
export function ScheduleDialog(props: {
  accountId: string;
  /** The schedule to edit; a new one without. */
  schedule?: Schedule;
  onClose: () => void;
  onSave: (request: ScheduleRequest) => Promise<void>;
}) {
  const { accountId, schedule, onClose, onSave } = props;
  const [form, setForm] = useState<ScheduleForm>(() =>
    schedule ? formOf(schedule) : emptyForm(),
  );
  // A period chosen by hand stays when the recurrence changes.
  const [periodChosen, setPeriodChosen] = useState(Boolean(schedule));
  const [pendingRecipient, setPendingRecipient] = useState('');
  const [shown, setShown] = useState(false);
  const [saving, setSaving] = useState(false);
  const [refusal, setRefusal] = useState<string>();
  const zones = useMemo(timeZoneOptions, []);

  const update = (patch: Partial<ScheduleForm>) =>
    setForm(current => ({ ...current, ...patch }));

  // An address still being typed counts, as the user expects it to.
  const pending = pendingRecipient.trim();
  const effective =
    pending && isEmailAddress(pending) && !form.recipients.includes(pending)
      ? { ...form, recipients: [...form.recipients, pending] }
      : form;
  const problems = formProblems(effective);
  if (pending && !isEmailAddress(pending)) {
    problems.recipients = `${pending} is not an email address`;
  }
  const problemOf = (field: keyof typeof problems) =>
    shown ? problems[field] : undefined;

  const save = async () => {
    setShown(true);
    setRefusal(undefined);
    if (Object.keys(problems).length > 0) return;
    setSaving(true);
    try {
      await onSave(scheduleRequest(accountId, effective));
    } catch (error) {
      setRefusal(serverMessage(error));
      setSaving(false);
    }
  };

  const ranged = RANGE_REPORT_TYPES.includes(form.type);
  const titleId = 'schedule-dialog-title';
  return (
    <Dialog
      open
      onClose={onClose}
      aria-labelledby={titleId}
      fullWidth
      maxWidth="md"
    >
      <DialogTitle id={titleId}>
        {schedule ? `Edit schedule ${schedule.name}` : 'New schedule'}
      </DialogTitle>
      <DialogContent>
        <TextField
          fullWidth
          variant="outlined"
          margin="dense"
          id="schedule-name"
          label="Name"
          required
          value={form.name}
          onChange={event => update({ name: event.target.value })}
          error={Boolean(problemOf('name'))}
          helperText={
            problemOf('name') ??
            `${form.name.trim().length}/${MAX_NAME_LENGTH} characters`
          }
        />
        <TextField
          fullWidth
          multiline
          variant="outlined"
          margin="dense"
          id="schedule-description"
          label="Description (optional)"
          value={form.description}
          onChange={event => update({ description: event.target.value })}
          error={Boolean(problemOf('description'))}
          helperText={problemOf('description')}
          inputProps={{ maxLength: MAX_DESCRIPTION_LENGTH }}
        />
        <TextField
          select
          fullWidth
          variant="outlined"
          margin="dense"
          id="schedule-type"
          label="Report"
          value={form.type}
          onChange={event => update({ type: event.target.value as ReportType })}
        >
          {SCHEDULABLE_REPORT_TYPES.map(type => (
            <MenuItem key={type} value={type}>
              {reportTitle(type)}
            </MenuItem>
          ))}
        </TextField>
        <Box display="flex" flexWrap="wrap" style={{ gap: 8 }}>
          <TextField
            select
            variant="outlined"
            margin="dense"
            id="schedule-recurrence"
            label="Repeats"
            value={form.recurrence}
            style={{ minWidth: 140 }}
            onChange={event => {
              const recurrence = event.target.value as ScheduleRecurrence;
              update({
                recurrence,
                ...(periodChosen
                  ? {}
                  : { period: DEFAULT_SCHEDULE_PERIODS[recurrence] }),
              });
            }}
          >
            {RECURRENCES.map(([value, label]) => (
              <MenuItem key={value} value={value}>
                {label}
              </MenuItem>
            ))}
          </TextField>
          {form.recurrence === 'weekly' && (
            <TextField
              select
              variant="outlined"
              margin="dense"
              id="schedule-day-of-week"
              label="Day of week"
              value={form.dayOfWeek}
              style={{ minWidth: 160 }}
              onChange={event =>
                update({
                  dayOfWeek: event.target.value as ScheduleForm['dayOfWeek'],
                })
              }
            >
              {SCHEDULE_DAYS_OF_WEEK.map(day => (
                <MenuItem key={day} value={day}>
                  {DAY_LABELS[day]}
                </MenuItem>
              ))}
            </TextField>
          )}
          {form.recurrence === 'monthly' && (
            <TextField
              variant="outlined"
              margin="dense"
              id="schedule-day-of-month"
              label="Day of month (1-28)"
              type="number"
              value={form.dayOfMonth}
              onChange={event => update({ dayOfMonth: event.target.value })}
              inputProps={{ min: 1, max: 28, step: 1 }}
              error={Boolean(problemOf('dayOfMonth'))}
              helperText={problemOf('dayOfMonth')}
            />
          )}
          <TextField
            variant="outlined"
            margin="dense"
            id="schedule-time"
            label="Time of day"
            type="time"
            value={form.time}
            onChange={event => update({ time: event.target.value })}
            InputLabelProps={{ shrink: true }}
            error={Boolean(problemOf('time'))}
            helperText={problemOf('time')}
          />
          <Autocomplete<string, false, true, true>
            freeSolo
            disableClearable
            options={zones}
            value={form.timezone}
            onChange={(_event, timezone) =>
              update({ timezone: timezone ?? '' })
            }
            onInputChange={(_event, timezone, reason) => {
              if (reason === 'input') update({ timezone });
            }}
            style={{ minWidth: 260, flex: 1 }}
            renderInput={params => (
              <TextField
                {...params}
                variant="outlined"
                margin="dense"
                id="schedule-timezone"
                label="Time zone"
                error={Boolean(problemOf('timezone'))}
                helperText={problemOf('timezone')}
              />
            )}
          />
        </Box>
        <Box mt={1} mb={1}>
          <RecipientsField
            value={form.recipients}
            onChange={recipients => update({ recipients })}
            onPendingChange={setPendingRecipient}
            problem={problemOf('recipients')}
          />
        </Box>
        <Box display="flex" flexWrap="wrap" style={{ gap: 8 }}>
          <TextField
            select
            variant="outlined"
            margin="dense"
            id="schedule-delimiter"
            label="Delimiter"
            value={form.delimiter}
            style={{ minWidth: 140 }}
            onChange={event =>
              update({ delimiter: event.target.value as ',' | '|' })
            }
          >
            <MenuItem value=",">Comma (,)</MenuItem>
            <MenuItem value="|">Pipe (|)</MenuItem>
          </TextField>
          {ranged ? (
            <TextField
              select
              variant="outlined"
              margin="dense"
              id="schedule-period"
              label="Period"
              value={form.period}
              style={{ minWidth: 180 }}
              onChange={event => {
                setPeriodChosen(true);
                update({
                  period: event.target.value as ScheduleForm['period'],
                });
              }}
            >
              {SCHEDULE_PERIODS.map(period => (
                <MenuItem key={period} value={period}>
                  {PERIOD_LABELS[period]}
                </MenuItem>
              ))}
            </TextField>
          ) : (
            <Box alignSelf="center">
              <Typography variant="body2" color="textSecondary">
                This report has no date range: each run reports things as they
                are.
              </Typography>
            </Box>
          )}
          {ranged && form.period === 'custom' && (
            <>
              <TextField
                variant="outlined"
                margin="dense"
                id="schedule-from"
                label="From"
                type="date"
                value={form.from}
                onChange={event => update({ from: event.target.value })}
                InputLabelProps={{ shrink: true }}
                error={Boolean(problemOf('from'))}
                helperText={problemOf('from')}
              />
              <TextField
                variant="outlined"
                margin="dense"
                id="schedule-to"
                label="To"
                type="date"
                value={form.to}
                onChange={event => update({ to: event.target.value })}
                InputLabelProps={{ shrink: true }}
                error={Boolean(problemOf('to'))}
                helperText={problemOf('to')}
              />
            </>
          )}
        </Box>
        {form.type === TENANT_USAGE_REPORT_TYPE && (
          <TenantsFields
            accountId={accountId}
            form={form}
            update={update}
            problem={problemOf('tenants')}
          />
        )}
        <FormControlLabel
          control={
            <Switch
              color="primary"
              checked={form.enabled}
              onChange={event => update({ enabled: event.target.checked })}
            />
          }
          label="Enabled"
        />
        {refusal && (
          <Box mt={1}>
            <Alert severity="error">{refusal}</Alert>
          </Box>
        )}
        {shown && Object.keys(problems).length > 0 && (
          <Box mt={1}>
            <Alert severity="warning">
              Correct the marked fields: {Object.values(problems).join('; ')}.
            </Alert>
          </Box>
        )}
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>Cancel</Button>
        <Button
          color="primary"
          variant="contained"
          disabled={saving}
          onClick={save}
        >
          {schedule ? 'Save' : 'Create schedule'}
        </Button>
      </DialogActions>
    </Dialog>
  );
}
