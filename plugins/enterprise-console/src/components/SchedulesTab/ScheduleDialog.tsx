import {
  reportTitle,
  Schedule,
  SCHEDULE_PERIODS,
  ScheduleRecurrence,
  ScheduleRequest,
  DEFAULT_SCHEDULE_PERIODS,
  TENANT_USAGE_REPORT_TYPE,
} from '@internal/plugin-enterprise-console-common';
import Box from '@material-ui/core/Box';
import Dialog from '@material-ui/core/Dialog';
import { DialogButtons } from '../DialogButtons';
import DialogContent from '@material-ui/core/DialogContent';
import DialogTitle from '@material-ui/core/DialogTitle';
import FormControlLabel from '@material-ui/core/FormControlLabel';
import MenuItem from '@material-ui/core/MenuItem';
import Switch from '@material-ui/core/Switch';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import Alert from '@material-ui/lab/Alert';
import Autocomplete from '@material-ui/lab/Autocomplete';
import { ChangeEvent, useMemo, useState } from 'react';
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

const DELIMITERS: Array<[',' | '|', string]> = [
  [',', 'Comma (,)'],
  ['|', 'Pipe (|)'],
];

const TENANT_CHOICES: Array<[TenantChoice, string]> = [
  ['all', 'All tenants of the account'],
  ['chosen', 'Chosen tenants'],
  ['filter', 'Tenants matching a filter'],
];

/** A choice among labelled values, as every select of the dialog is. */
function SelectField<T extends string>(props: {
  id: string;
  label: string;
  value: T;
  options: ReadonlyArray<readonly [T, string]>;
  onChange: (value: T) => void;
  fullWidth?: boolean;
  error?: boolean;
}) {
  const { id, label, value, options, onChange, fullWidth, error } = props;
  return (
    <TextField
      select
      fullWidth={fullWidth}
      variant="outlined"
      margin="dense"
      id={id}
      label={label}
      value={value}
      style={fullWidth ? undefined : { minWidth: 160 }}
      onChange={event => onChange(event.target.value as T)}
      error={error}
    >
      {options.map(([option, optionLabel]) => (
        <MenuItem key={option} value={option}>
          {optionLabel}
        </MenuItem>
      ))}
    </TextField>
  );
}

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
      <SelectField
        fullWidth
        id="schedule-tenant-choice"
        label="Tenants"
        value={form.tenantChoice}
        options={TENANT_CHOICES}
        onChange={tenantChoice => update({ tenantChoice })}
      />
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

  /** The props of a text field bound to a field of the form and its problem. */
  const bound = (field: 'dayOfMonth' | 'time' | 'from' | 'to') => ({
    variant: 'outlined' as const,
    margin: 'dense' as const,
    value: form[field],
    onChange: (event: ChangeEvent<HTMLInputElement>) =>
      update({ [field]: event.target.value }),
    error: Boolean(problemOf(field)),
    helperText: problemOf(field),
  });

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
        <SelectField
          fullWidth
          id="schedule-type"
          label="Report"
          value={form.type}
          options={SCHEDULABLE_REPORT_TYPES.map(
            type => [type, reportTitle(type)] as const,
          )}
          onChange={type => update({ type })}
        />
        <Box display="flex" flexWrap="wrap" style={{ gap: 8 }}>
          <SelectField
            id="schedule-recurrence"
            label="Repeats"
            value={form.recurrence}
            options={RECURRENCES}
            onChange={recurrence =>
              update({
                recurrence,
                ...(periodChosen
                  ? {}
                  : { period: DEFAULT_SCHEDULE_PERIODS[recurrence] }),
              })
            }
          />
          {form.recurrence === 'weekly' && (
            <SelectField
              id="schedule-day-of-week"
              label="Day of week"
              value={form.dayOfWeek}
              options={SCHEDULE_DAYS_OF_WEEK.map(
                day => [day, DAY_LABELS[day]] as const,
              )}
              onChange={dayOfWeek => update({ dayOfWeek })}
            />
          )}
          {form.recurrence === 'monthly' && (
            <TextField
              {...bound('dayOfMonth')}
              id="schedule-day-of-month"
              label="Day of month (1-28)"
              type="number"
              inputProps={{ min: 1, max: 28, step: 1 }}
            />
          )}
          <TextField
            {...bound('time')}
            id="schedule-time"
            label="Time of day"
            type="time"
            InputLabelProps={{ shrink: true }}
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
          <SelectField
            id="schedule-delimiter"
            label="Delimiter"
            value={form.delimiter}
            options={DELIMITERS}
            onChange={delimiter => update({ delimiter })}
          />
          {ranged ? (
            <SelectField
              id="schedule-period"
              label="Period"
              value={form.period}
              options={SCHEDULE_PERIODS.map(
                period => [period, PERIOD_LABELS[period]] as const,
              )}
              onChange={period => {
                setPeriodChosen(true);
                update({ period });
              }}
            />
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
                {...bound('from')}
                id="schedule-from"
                label="From"
                type="date"
                InputLabelProps={{ shrink: true }}
              />
              <TextField
                {...bound('to')}
                id="schedule-to"
                label="To"
                type="date"
                InputLabelProps={{ shrink: true }}
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
      <DialogButtons
        onCancel={onClose}
        action={schedule ? 'Save' : 'Create schedule'}
        onAction={save}
        disabled={saving}
      />
    </Dialog>
  );
}
