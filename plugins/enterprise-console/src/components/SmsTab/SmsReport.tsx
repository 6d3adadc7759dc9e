import { useApi } from '@backstage/core-plugin-api';
import {
  AccountSummary,
  enterpriseConsoleReportExportPermission,
  SmsDetailFilters,
} from '@internal/plugin-enterprise-console-common';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import EmailIcon from '@material-ui/icons/Email';
import Alert from '@material-ui/lab/Alert';
import { useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import useAsync from 'react-use/esm/useAsync';
import { enterpriseConsoleApiRef } from '../../api';
import { isDate, lastDays } from '../../lib/dates';
import { serverMessage } from '../../lib/serverMessage';
import { useConsolePermission } from '../../permissions';
import {
  rangeProblem,
  ReportQueuedNotice,
  ReportRunDialog,
} from '../ReportRunDialog';
import { SmsFiltersForm } from './SmsFiltersForm';
import { SmsMessagesTable } from './SmsMessagesTable';
import {
  ANY_GATEWAY,
  describeSmsFilters,
  SmsFilterForm,
  toSmsFilters,
} from './smsFilters';
import { useAccountTenants } from './useAccountTenants';

/**
 * The SMS detailed report of one account: its filters, the messages as a
 * server-paged table, and an emailed export with the same filters. A link
 * may preset the date-of-message range with `?from=&to=`.
 */
export function SmsReport(props: { account: AccountSummary }) {
  const { account } = props;
  const api = useApi(enterpriseConsoleApiRef);
  const [searchParams] = useSearchParams();
  const { allowed: canExport } = useConsolePermission(
    enterpriseConsoleReportExportPermission,
    account.id,
  );
  const [form, setForm] = useState<SmsFilterForm>(() => {
    const from = searchParams.get('from') ?? '';
    const to = searchParams.get('to') ?? '';
    return {
      message: isDate(from) && isDate(to) ? { from, to } : lastDays(7),
      created: { from: '', to: '' },
      tenantIds: [],
      gateway: ANY_GATEWAY,
      hasGatewayFee: 'all',
      validity: 'all',
    };
  });
  // The table shows the last complete filters while a date is half-typed.
  const [filters, setFilters] = useState<SmsDetailFilters>(
    () => toSmsFilters(form)!,
  );
  const [tableError, setTableError] = useState<string>();
  const [exporting, setExporting] = useState(false);
  const [queued, setQueued] = useState(false);

  const tenants = useAccountTenants(account.id);
  const gateways = useAsync(
    () => api.listSmsGateways(account.id),
    [api, account.id],
  );

  const changeForm = (next: SmsFilterForm) => {
    setForm(next);
    const complete = toSmsFilters(next);
    if (complete) setFilters(complete);
  };

  return (
    <>
      <SmsFiltersForm
        value={form}
        onChange={changeForm}
        tenants={tenants.value ?? []}
        gateways={gateways.value ?? []}
        messageRangeProblem={rangeProblem(form.message)}
      />
      {(tenants.error || gateways.error) && (
        <Box mb={2}>
          <Alert severity="warning">
            Some filter choices could not be loaded:{' '}
            {serverMessage(tenants.error ?? gateways.error)}
          </Alert>
        </Box>
      )}
      {canExport && (
        <Box mb={2}>
          <Button
            variant="outlined"
            color="primary"
            startIcon={<EmailIcon />}
            aria-label="Email report: SMS Detailed Report"
            onClick={() => setExporting(true)}
          >
            Email report
          </Button>
        </Box>
      )}
      {tableError && (
        <Box mb={2}>
          <Alert severity="error">{tableError}</Alert>
        </Box>
      )}
      <SmsMessagesTable
        key={JSON.stringify(filters)}
        accountId={account.id}
        filters={filters}
        onError={setTableError}
      />
      {exporting && (
        <ReportRunDialog
          open
          onClose={() => setExporting(false)}
          onQueued={() => {
            setExporting(false);
            setQueued(true);
          }}
          accountId={account.id}
          type="sms-detail"
          reportTitle="SMS Detailed Report"
          filters={filters}
          filtersSummary={describeSmsFilters(filters)}
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
