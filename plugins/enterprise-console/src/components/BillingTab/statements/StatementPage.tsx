import {
  InfoCard,
  Link,
  Progress,
  ResponseErrorPanel,
  StructuredMetadataTable,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { BillingInvoice } from '@internal/plugin-enterprise-console-common';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import useAsync from 'react-use/esm/useAsync';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { enterpriseConsoleApiRef } from '../../../api';
import { loadAllAccounts } from '../../../api/loadAllAccounts';
import { formatUtc } from '../../../lib/dates';
import { useTenantName } from '../useTenantName';
import { Notice } from '../Notice';
import { InvoiceStatusChip } from './InvoiceStatusChip';
import { invoiceTenantLabel, statementTitle } from './invoiceLabels';
import { StatementActions } from './StatementActions';
import { StatementLines } from './StatementLines';
import { useStatementLinks } from './useStatementLinks';

function StatementFacts(props: { invoice: BillingInvoice }) {
  const { invoice } = props;
  const api = useApi(enterpriseConsoleApiRef);
  // Names only: without them the ids still say which account and tenant.
  const accounts = useAsync(() => loadAllAccounts(api), [api]);
  const accountName =
    accounts.value?.accounts.find(a => a.id === invoice.accountId)?.name ??
    invoice.accountId;
  const tenantName = useTenantName(invoice.accountId);
  return (
    <InfoCard title="Statement">
      <StructuredMetadataTable
        dense
        metadata={{
          Number: invoice.number,
          Period: `${invoice.period} (${invoice.periodStart} to ${invoice.periodEnd})`,
          Account: accountName,
          Tenant: invoiceTenantLabel(invoice, tenantName),
          Status: <InvoiceStatusChip status={invoice.status} />,
          'Due date': invoice.dueDate ?? 'None (under the minimum)',
          ...(invoice.emailedAt
            ? { 'Last emailed': `${formatUtc(invoice.emailedAt)} UTC` }
            : {}),
          ...(invoice.voidReason ? { 'Void reason': invoice.voidReason } : {}),
        }}
      />
    </InfoCard>
  );
}

/**
 * One statement (`?section=statements&statement=<id>`, so the page can be
 * shared and reloaded): its facts, lines, totals and note, and what may be
 * done with it.
 */
export function StatementPage(props: { invoiceId: string }) {
  const api = useApi(enterpriseConsoleApiRef);
  const links = useStatementLinks();
  const [searchParams] = useSearchParams();
  const [outcome, setOutcome] = useState<string>();
  const invoice = useAsyncRetry(
    () => api.getBillingInvoice(props.invoiceId),
    [api, props.invoiceId],
  );
  const accountId =
    invoice.value?.accountId ?? searchParams.get('account') ?? '';

  const back = (
    <Box mb={2}>
      <Link to={links.statements(accountId)}>Back to the statements</Link>
    </Box>
  );
  if (invoice.loading && !invoice.value) return <Progress />;
  if (!invoice.value) {
    return (
      <>
        {back}
        <ResponseErrorPanel
          error={invoice.error ?? new Error('No such statement')}
        />
      </>
    );
  }
  const current = invoice.value;
  return (
    <>
      {back}
      <Box
        display="flex"
        alignItems="center"
        flexWrap="wrap"
        mb={2}
        style={{ gap: 16 }}
      >
        <Typography variant="h5" component="h2">
          {statementTitle(current)}
        </Typography>
        <InvoiceStatusChip status={current.status} />
        <Box flexGrow={1} />
        <StatementActions
          invoice={current}
          onDone={message => {
            setOutcome(message);
            invoice.retry();
          }}
        />
      </Box>
      <Notice
        severity="success"
        message={outcome}
        onClose={() => setOutcome(undefined)}
      />
      {invoice.error && (
        <Box mb={2}>
          <ResponseErrorPanel error={invoice.error} />
        </Box>
      )}
      <Box mb={3}>
        <StatementFacts invoice={current} />
      </Box>
      <StatementLines invoice={current} />
    </>
  );
}
