import { ComponentType } from 'react';
import { AccountsTab } from './AccountsTab';
import { BillingTab } from './BillingTab';
import { ConsoleTab } from './ConsoleTab';
import { DomainApprovalsTab } from './DomainApprovalsTab';
import { ReportsTab } from './ReportsTab';
import { SchedulesTab } from './SchedulesTab';
import { SettingsTab } from './SettingsTab';
import { SmsTab } from './SmsTab';
import { SsoTab } from './SsoTab';
import { TenantsTab } from './TenantsTab';

/**
 * The tabs of the console, in order; both frontend systems mount these.
 * `path` is relative to the console page; the first tab is the default.
 */
export const consoleTabs: Array<{
  path: string;
  title: string;
  Component: ComponentType;
}> = [
  { path: 'console', title: 'Console', Component: ConsoleTab },
  { path: 'reports', title: 'Reports', Component: ReportsTab },
  { path: 'tenants', title: 'Tenants', Component: TenantsTab },
  { path: 'schedules', title: 'Schedules', Component: SchedulesTab },
  { path: 'billing', title: 'Billing', Component: BillingTab },
  { path: 'sms', title: 'SMS report', Component: SmsTab },
  { path: 'accounts', title: 'Accounts', Component: AccountsTab },
  { path: 'settings', title: 'Settings', Component: SettingsTab },
  { path: 'sso', title: 'Single sign-on', Component: SsoTab },
  {
    path: 'domain-approvals',
    title: 'Domain approvals',
    Component: DomainApprovalsTab,
  },
];
