import {
  AccountSummary,
  enterpriseConsoleBillingReadPermission,
} from '@internal/plugin-enterprise-console-common';
import Box from '@material-ui/core/Box';
import Tab from '@material-ui/core/Tab';
import Tabs from '@material-ui/core/Tabs';
import { ComponentType } from 'react';
import { useSearchParams } from 'react-router-dom';
import { EnterpriseAccountTab } from '../AccountPicker/EnterpriseAccountTab';
import { ApplicationsPanel } from './ApplicationsPanel';
import { BillingPlans } from './BillingPlans';
import { ContactsPanel } from './contacts/ContactsPanel';
import { CreditsPanel } from './credits/CreditsPanel';
import { PaymentsPanel } from './payments/PaymentsPanel';
import { StatementPage } from './statements/StatementPage';
import { StatementsPanel } from './statements/StatementsPanel';
import { SubscriptionsPanel } from './SubscriptionsPanel';

const SECTIONS = [
  { key: 'plans', label: 'Plans' },
  { key: 'subscriptions', label: 'Subscriptions' },
  { key: 'statements', label: 'Statements' },
  { key: 'payments', label: 'Payments' },
  { key: 'credits', label: 'Credits' },
  { key: 'contacts', label: 'Contacts' },
  { key: 'applications', label: 'Applications' },
] as const;
type Section = (typeof SECTIONS)[number]['key'];

/** The sections about the account chosen in the picker (billing.read on it). */
const ACCOUNT_PANELS: Partial<
  Record<Section, ComponentType<{ account: AccountSummary }>>
> = {
  subscriptions: SubscriptionsPanel,
  statements: StatementsPanel,
  payments: PaymentsPanel,
  credits: CreditsPanel,
  contacts: ContactsPanel,
};

/**
 * Billing, in sections kept in the URL (`?section=`): the plan catalogue
 * side by side (not about one account: the server decides who may read
 * it); the subscriptions, statements, payments, credits and billing
 * contacts of the account chosen (billing.read on it); and the plan
 * applications (the server lists what the user may see). A statement opens
 * as its own page (`&statement=<id>`), so it can be shared and reloaded.
 *
 * @public
 */
export function BillingTab() {
  const [searchParams, setSearchParams] = useSearchParams();
  const requested = searchParams.get('section');
  const section: Section =
    SECTIONS.find(s => s.key === requested)?.key ?? 'plans';
  const statementId = searchParams.get('statement');
  const AccountPanel = ACCOUNT_PANELS[section];
  const choose = (next: Section) => {
    const params = new URLSearchParams(searchParams);
    params.set('section', next);
    params.delete('statement');
    setSearchParams(params, { replace: true });
  };
  return (
    <>
      <Box mb={2}>
        <Tabs
          value={section}
          onChange={(_, next) => choose(next)}
          indicatorColor="primary"
          textColor="primary"
          aria-label="Billing sections"
        >
          {SECTIONS.map(s => (
            <Tab key={s.key} value={s.key} label={s.label} />
          ))}
        </Tabs>
      </Box>
      {section === 'plans' && <BillingPlans />}
      {section === 'statements' && statementId ? (
        <StatementPage invoiceId={statementId} />
      ) : (
        AccountPanel && (
          <EnterpriseAccountTab
            permission={enterpriseConsoleBillingReadPermission}
            allAccounts
          >
            {account => <AccountPanel key={account.id} account={account} />}
          </EnterpriseAccountTab>
        )
      )}
      {section === 'applications' && <ApplicationsPanel />}
    </>
  );
}
