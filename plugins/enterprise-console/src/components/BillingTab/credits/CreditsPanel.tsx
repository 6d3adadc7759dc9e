import { InfoCard, Progress } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import {
  AccountSummary,
  enterpriseConsoleBillingManagePermission,
} from '@internal/plugin-enterprise-console-common';
import Accordion from '@material-ui/core/Accordion';
import AccordionDetails from '@material-ui/core/AccordionDetails';
import AccordionSummary from '@material-ui/core/AccordionSummary';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Typography from '@material-ui/core/Typography';
import ExpandMoreIcon from '@material-ui/icons/ExpandMore';
import { useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { enterpriseConsoleApiRef } from '../../../api';
import { formatMoney } from '../../../lib/numbers';
import { serverMessage } from '../../../lib/serverMessage';
import { Notice } from '../Notice';
import { useConsolePermission } from '../../../permissions';
import { useTenantName } from '../useTenantName';
import { AddCreditDialog } from './AddCreditDialog';
import { CREDIT_SCOPE_LABELS, creditLevelLabel } from './creditLabels';
import { CreditLedger } from './CreditLedger';

/**
 * An account's credit lines (account or subscription level, one scope
 * each) with their balances; each opens on its ledger. Billing managers
 * add credit.
 */
export function CreditsPanel(props: { account: AccountSummary }) {
  const { account } = props;
  const api = useApi(enterpriseConsoleApiRef);
  const { allowed: canManage } = useConsolePermission(
    enterpriseConsoleBillingManagePermission,
  );
  const [adding, setAdding] = useState(false);
  const [outcome, setOutcome] = useState<string>();
  const credits = useAsyncRetry(
    () => api.listBillingCredits(account.id),
    [api, account.id],
  );
  // For names and choices only: statement numbers in the ledgers, tenants,
  // the subscriptions a credit may be for.
  const invoices = useAsync(
    () => api.listBillingInvoices({ accountId: account.id }),
    [api, account.id],
  );
  const subscriptions = useAsync(
    () => api.listBillingSubscriptions({ accountId: account.id }),
    [api, account.id],
  );
  const tenantName = useTenantName(account.id);
  const lines = credits.value ?? [];

  return (
    <InfoCard
      title={`Credits of ${account.name}`}
      action={
        canManage ? (
          <Box p={1}>
            <Button
              variant="contained"
              color="primary"
              disabled={!subscriptions.value}
              onClick={() => setAdding(true)}
            >
              Add credit
            </Button>
          </Box>
        ) : undefined
      }
    >
      <Notice
        severity="success"
        message={outcome}
        onClose={() => setOutcome(undefined)}
      />
      <Notice
        severity="error"
        message={credits.error && serverMessage(credits.error)}
      />
      {credits.loading && !credits.value && <Progress />}
      {credits.value && !lines.length && (
        <Typography>
          No credit yet. Credit comes from grants and from what payments leave
          over.
        </Typography>
      )}
      {lines.map(line => {
        const level = creditLevelLabel(line, tenantName);
        const scope = CREDIT_SCOPE_LABELS[line.scope] ?? line.scope;
        return (
          <Accordion key={line.id} TransitionProps={{ unmountOnExit: true }}>
            <AccordionSummary
              expandIcon={<ExpandMoreIcon />}
              aria-label={`${level}, ${scope}: balance ${formatMoney(
                line.balance,
              )}`}
            >
              <Box display="flex" width="100%" style={{ gap: 16 }}>
                <Typography style={{ flexBasis: '45%' }}>{level}</Typography>
                <Typography style={{ flexBasis: '30%' }}>{scope}</Typography>
                <Typography style={{ flexBasis: '25%', textAlign: 'right' }}>
                  {formatMoney(line.balance)}
                </Typography>
              </Box>
            </AccordionSummary>
            <AccordionDetails>
              <Box width="100%">
                <CreditLedger
                  accountId={account.id}
                  entries={line.entries}
                  invoices={invoices.value ?? []}
                />
              </Box>
            </AccordionDetails>
          </Accordion>
        );
      })}
      {adding && (
        <AddCreditDialog
          accountId={account.id}
          subscriptions={(subscriptions.value ?? []).filter(
            subscription => subscription.status !== 'ended',
          )}
          tenantName={tenantName}
          onClose={() => setAdding(false)}
          onAdded={line => {
            setAdding(false);
            setOutcome(
              `${creditLevelLabel(line, tenantName)}, ${
                CREDIT_SCOPE_LABELS[line.scope] ?? line.scope
              }: the balance is now ${formatMoney(line.balance)}.`,
            );
            credits.retry();
          }}
        />
      )}
    </InfoCard>
  );
}
