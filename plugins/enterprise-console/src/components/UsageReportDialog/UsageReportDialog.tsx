import { Link } from '@backstage/core-components';
import { useApi, useRouteRef } from '@backstage/core-plugin-api';
import {
  CsvDelimiter,
  TENANT_USAGE_PERIODS,
  TenantFilter,
  TenantUsagePeriod,
} from '@internal/plugin-enterprise-console-common';
import Box from '@material-ui/core/Box';
import Dialog from '@material-ui/core/Dialog';
import { DialogButtons } from '../DialogButtons';
import DialogContent from '@material-ui/core/DialogContent';
import DialogContentText from '@material-ui/core/DialogContentText';
import DialogTitle from '@material-ui/core/DialogTitle';
import FormControl from '@material-ui/core/FormControl';
import FormControlLabel from '@material-ui/core/FormControlLabel';
import FormLabel from '@material-ui/core/FormLabel';
import InputLabel from '@material-ui/core/InputLabel';
import MenuItem from '@material-ui/core/MenuItem';
import Radio from '@material-ui/core/Radio';
import RadioGroup from '@material-ui/core/RadioGroup';
import Select from '@material-ui/core/Select';
import TextField from '@material-ui/core/TextField';
import Alert from '@material-ui/lab/Alert';
import { useState } from 'react';
import { enterpriseConsoleApiRef } from '../../api';
import { lastDays } from '../../lib/dates';
import { serverMessage } from '../../lib/serverMessage';
import { rootRouteRef } from '../../routes';
import { DateRangeFields } from '../DateRangeFields';
import {
  MAX_NAME_LENGTH,
  UsageReportForm,
  usageReportProblems,
  usageReportRequest,
} from './usageReportRequest';

const PERIOD_LABELS: Record<TenantUsagePeriod, string> = {
  'last-7-days': 'Last 7 days',
  'last-30-days': 'Last 30 days',
  'last-90-days': 'Last 90 days',
  'last-180-days': 'Last 180 days',
  'current-month': 'Current month',
  'last-month': 'Last month',
  custom: 'Custom range',
};

/**
 * Asks for a tenant usage report (reports.md) of some tenants of one
 * account, chosen by id or by a tenants-list filter: name, description,
 * delimiter and period. The server checks everything again; a refusal
 * (e.g. 429, too many runs at once) shows its message.
 *
 * @public
 */
export function UsageReportDialog(props: {
  open: boolean;
  onClose: () => void;
  /** The account the run belongs to. */
  accountId: string;
  /** These tenants of the account; or `filter`. */
  tenantIds?: string[];
  /** The tenants of the account this tenants-list filter matches. */
  filter?: TenantFilter;
  /** Which tenants, in words. */
  summary: string;
}) {
  const { open, onClose, accountId, summary } = props;
  const api = useApi(enterpriseConsoleApiRef);
  const consoleRoot = useRouteRef(rootRouteRef);
  const [form, setForm] = useState<UsageReportForm>({
    name: 'Tenant usage',
    description: '',
    delimiter: ',',
    period: 'last-30-days',
    custom: lastDays(30),
  });
  const [touched, setTouched] = useState(false);
  const [sending, setSending] = useState(false);
  const [refusal, setRefusal] = useState<string>();
  const [queued, setQueued] = useState(false);

  const problems = usageReportProblems(form);
  const invalid = Object.keys(problems).length > 0;
  const set = (patch: Partial<UsageReportForm>) => {
    setTouched(true);
    setForm(current => ({ ...current, ...patch }));
  };

  const send = async () => {
    setTouched(true);
    if (invalid) return;
    setSending(true);
    setRefusal(undefined);
    try {
      await api.createReportRun(
        usageReportRequest(
          form,
          accountId,
          props.tenantIds
            ? { tenantIds: props.tenantIds }
            : { filter: props.filter ?? {} },
        ),
      );
      setQueued(true);
    } catch (error) {
      setRefusal(serverMessage(error));
    } finally {
      setSending(false);
    }
  };

  const reports = `${consoleRoot()}/reports?account=${encodeURIComponent(
    accountId,
  )}`;

  return (
    <Dialog
      open={open}
      onClose={onClose}
      aria-labelledby="usage-report-dialog-title"
      maxWidth="sm"
      fullWidth
    >
      <DialogTitle id="usage-report-dialog-title">
        Tenant usage report
      </DialogTitle>
      {queued ? (
        <DialogContent>
          <Alert severity="success">
            Report queued. It is written in the background;{' '}
            <Link to={reports}>see the Reports tab</Link> for its progress and
            download.
          </Alert>
        </DialogContent>
      ) : (
        <DialogContent>
          <DialogContentText>{summary}</DialogContentText>
          <Box mb={2}>
            <TextField
              id="usage-report-name"
              label="Name"
              required
              fullWidth
              variant="outlined"
              size="small"
              value={form.name}
              inputProps={{ maxLength: MAX_NAME_LENGTH + 1 }}
              error={touched && !!problems.name}
              helperText={touched ? problems.name : undefined}
              onChange={event => set({ name: event.target.value })}
            />
          </Box>
          <Box mb={2}>
            <TextField
              id="usage-report-description"
              label="Description (optional)"
              fullWidth
              multiline
              minRows={2}
              variant="outlined"
              size="small"
              value={form.description}
              error={!!problems.description}
              helperText={problems.description}
              onChange={event => set({ description: event.target.value })}
            />
          </Box>
          <Box mb={2}>
            <FormControl
              variant="outlined"
              size="small"
              style={{ minWidth: 220 }}
            >
              <InputLabel id="usage-report-period-label">Period</InputLabel>
              <Select
                labelId="usage-report-period-label"
                id="usage-report-period"
                label="Period"
                value={form.period}
                onChange={event =>
                  set({ period: event.target.value as TenantUsagePeriod })
                }
              >
                {TENANT_USAGE_PERIODS.map(period => (
                  <MenuItem key={period} value={period}>
                    {PERIOD_LABELS[period]}
                  </MenuItem>
                ))}
              </Select>
            </FormControl>
          </Box>
          {form.period === 'custom' && (
            <Box mb={2}>
              <DateRangeFields
                idPrefix="usage-report-range"
                label="Period"
                value={form.custom}
                onChange={custom => set({ custom })}
                error={!!problems.custom}
                helperText={problems.custom}
              />
            </Box>
          )}
          <FormControl component="fieldset">
            <FormLabel component="legend">Delimiter</FormLabel>
            <RadioGroup
              row
              name="delimiter"
              value={form.delimiter}
              onChange={event =>
                set({ delimiter: event.target.value as CsvDelimiter })
              }
            >
              <FormControlLabel
                value=","
                control={<Radio />}
                label="Comma (,)"
              />
              <FormControlLabel
                value="|"
                control={<Radio />}
                label="Pipe (|)"
              />
            </RadioGroup>
          </FormControl>
          {refusal && (
            <Box mt={2}>
              <Alert severity="error">{refusal}</Alert>
            </Box>
          )}
        </DialogContent>
      )}
      <DialogButtons
        onCancel={onClose}
        cancelLabel={queued ? 'Close' : 'Cancel'}
        action="Generate"
        onAction={send}
        disabled={sending || (touched && invalid)}
        showAction={!queued}
      />
    </Dialog>
  );
}
