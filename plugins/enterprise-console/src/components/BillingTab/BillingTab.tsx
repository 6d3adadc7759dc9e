import { enterpriseConsoleBillingReadPermission } from '@internal/plugin-enterprise-console-common';
import Box from '@material-ui/core/Box';
import Tab from '@material-ui/core/Tab';
import Tabs from '@material-ui/core/Tabs';
import { useSearchParams } from 'react-router-dom';
import { EnterpriseAccountTab } from '../AccountPicker/EnterpriseAccountTab';
import { ApplicationsPanel } from './ApplicationsPanel';
import { BillingPlans } from './BillingPlans';
import { SubscriptionsPanel } from './SubscriptionsPanel';

const SECTIONS = [
  { key: 'plans', label: 'Plans' },
  { key: 'subscriptions', label: 'Subscriptions' },
  { key: 'applications', label: 'Applications' },
] as const;
type Section = (typeof SECTIONS)[number]['key'];

/**
 * Billing, in three sections kept in the URL (`?section=`): the plan
 * catalogue side by side (not about one account: the server decides who
 * may read it), the subscriptions of the account chosen (billing.read on
 * it), and the plan applications (the server lists what the user may see).
 *
 * @public
 */
export function BillingTab() {
  const [searchParams, setSearchParams] = useSearchParams();
  const requested = searchParams.get('section');
  const section: Section =
    SECTIONS.find(s => s.key === requested)?.key ?? 'plans';
  const choose = (next: Section) => {
    const params = new URLSearchParams(searchParams);
    params.set('section', next);
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
      {section === 'subscriptions' && (
        <EnterpriseAccountTab
          permission={enterpriseConsoleBillingReadPermission}
          allAccounts
        >
          {account => <SubscriptionsPanel key={account.id} account={account} />}
        </EnterpriseAccountTab>
      )}
      {section === 'applications' && <ApplicationsPanel />}
    </>
  );
}
