import { useApi } from '@backstage/core-plugin-api';
import {
  CsvDelimiter,
  ReportType,
  SmsDetailFilters,
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
import Radio from '@material-ui/core/Radio';
import RadioGroup from '@material-ui/core/RadioGroup';
import Alert from '@material-ui/lab/Alert';
import { useState } from 'react';
import { enterpriseConsoleApiRef } from '../../api';
import { isDate } from '../../lib/dates';
import { serverMessage } from '../../lib/serverMessage';
import { DateRangeFields, DateRangeValue } from '../DateRangeFields';
import { reportRunRequest } from './reportRunRequest';
import { rangeProblem } from './rangeProblem';

/**
 * Asks for a report to be written in the background and its link emailed:
 * the delimiter and, for reports over a range, the range. Refusals (a range
 * too long, too many runs at once) show the server's message.
 */
export function ReportRunDialog(props: {
  open: boolean;
  onClose: () => void;
  onQueued: (run: { id: string }) => void;
  accountId: string;
  type: ReportType;
  /** The report's title, e.g. "Mobile Form Submissions". */
  reportTitle: string;
  /** The initial range, for reports that take one; shown for editing. */
  range?: DateRangeValue;
  /** The SMS report's other filters, sent as they are. */
  filters?: SmsDetailFilters;
  /** Describes `filters` to the user. */
  filtersSummary?: string;
}) {
  const { open, onClose, onQueued, accountId, type, reportTitle } = props;
  const api = useApi(enterpriseConsoleApiRef);
  const [delimiter, setDelimiter] = useState<CsvDelimiter>(',');
  const [range, setRange] = useState(props.range);
  const [sending, setSending] = useState(false);
  const [refusal, setRefusal] = useState<string>();

  const incomplete = range && !(isDate(range.from) && isDate(range.to));
  const send = async () => {
    setSending(true);
    setRefusal(undefined);
    try {
      const run = await api.createReportRun(
        reportRunRequest({
          accountId,
          type,
          delimiter,
          range,
          filters: props.filters,
        }),
      );
      onQueued(run);
    } catch (error) {
      setRefusal(serverMessage(error));
    } finally {
      setSending(false);
    }
  };

  return (
    <Dialog
      open={open}
      onClose={onClose}
      aria-labelledby="report-run-dialog-title"
      maxWidth="sm"
      fullWidth
    >
      <DialogTitle id="report-run-dialog-title">
        Email report: {reportTitle}
      </DialogTitle>
      <DialogContent>
        <DialogContentText>
          The report is written in the background. When it is ready you get an
          email and a notification with a download link; it also appears under
          Reports.
        </DialogContentText>
        {props.filtersSummary && (
          <DialogContentText>{props.filtersSummary}</DialogContentText>
        )}
        {range && (
          <Box mb={2}>
            <DateRangeFields
              idPrefix="report-run-range"
              label="Date"
              value={range}
              onChange={setRange}
              helperText={rangeProblem(range)}
            />
          </Box>
        )}
        <FormControl component="fieldset">
          <FormLabel component="legend">Delimiter</FormLabel>
          <RadioGroup
            row
            name="delimiter"
            value={delimiter}
            onChange={event => setDelimiter(event.target.value as CsvDelimiter)}
          >
            <FormControlLabel value="," control={<Radio />} label="Comma (,)" />
            <FormControlLabel value="|" control={<Radio />} label="Pipe (|)" />
          </RadioGroup>
        </FormControl>
        {refusal && (
          <Box mt={2}>
            <Alert severity="error">{refusal}</Alert>
          </Box>
        )}
      </DialogContent>
      <DialogButtons
        onCancel={onClose}
        action="Send"
        onAction={send}
        disabled={sending || incomplete}
      />
    </Dialog>
  );
}
