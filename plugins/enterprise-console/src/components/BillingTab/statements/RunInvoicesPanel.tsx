import { InfoCard } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { BillingInvoiceRun } from '@internal/plugin-enterprise-console-common';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import TextField from '@material-ui/core/TextField';
import Alert from '@material-ui/lab/Alert';
import { useState } from 'react';
import { enterpriseConsoleApiRef } from '../../../api';
import { lastMonthUtc } from '../../../lib/dates';
import { serverMessage } from '../../../lib/serverMessage';

/** Why `period` cannot be invoiced, or nothing: only months that are over. */
export function runPeriodProblem(
  period: string,
  latest = lastMonthUtc(),
): string | undefined {
  if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(period)) return 'Choose a month.';
  if (period > latest)
    return `Choose a month that is over (${latest} or earlier).`;
  return undefined;
}

/** "Created 3 · Existing 1 · Failed 0". */
export function describeRun(run: BillingInvoiceRun): string {
  return `Created ${run.created} · Existing ${run.existing} · Failed ${run.failed}`;
}

/**
 * Makes the invoices of a past month for every account (billing.manage).
 * A run is idempotent, so running a month again only counts what exists.
 */
export function RunInvoicesPanel(props: { onRun: () => void }) {
  const api = useApi(enterpriseConsoleApiRef);
  const [period, setPeriod] = useState(lastMonthUtc());
  const [running, setRunning] = useState(false);
  const [outcome, setOutcome] = useState<
    | {
        severity: 'success' | 'warning';
        period: string;
        run: BillingInvoiceRun;
      }
    | { severity: 'error'; message: string }
  >();
  const problem = runPeriodProblem(period);

  const run = async () => {
    if (problem) return;
    setRunning(true);
    setOutcome(undefined);
    try {
      const result = await api.runBillingInvoices({ period });
      setOutcome({
        severity: result.failed > 0 ? 'warning' : 'success',
        period,
        run: result,
      });
      props.onRun();
    } catch (error) {
      setOutcome({ severity: 'error', message: serverMessage(error) });
    } finally {
      setRunning(false);
    }
  };

  return (
    <InfoCard title="Invoice run">
      <Box
        display="flex"
        alignItems="flex-start"
        flexWrap="wrap"
        style={{ gap: 16 }}
      >
        <TextField
          type="month"
          variant="outlined"
          size="small"
          id="invoice-run-period"
          label="Month to invoice (UTC)"
          InputLabelProps={{ shrink: true }}
          value={period}
          onChange={event => setPeriod(event.target.value)}
          error={!!problem}
          helperText={
            problem ??
            'Makes every account’s invoices of the month; what exists already is not made again.'
          }
        />
        <Button
          variant="contained"
          color="primary"
          disabled={running || !!problem}
          onClick={run}
        >
          Run invoices
        </Button>
      </Box>
      {outcome && (
        <Box mt={2}>
          <Alert
            severity={outcome.severity}
            aria-label="Invoice run result"
            onClose={() => setOutcome(undefined)}
          >
            {outcome.severity === 'error'
              ? outcome.message
              : `${outcome.period}: ${describeRun(outcome.run)}`}
          </Alert>
        </Box>
      )}
    </InfoCard>
  );
}
