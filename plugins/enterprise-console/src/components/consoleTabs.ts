import { ComponentType } from 'react';
import { AccountsTab } from './AccountsTab';
import { SettingsTab } from './SettingsTab';
import { SsoTab } from './SsoTab';

/**
 * The tabs of the console, in order; both frontend systems mount these.
 * `path` is relative to the console page; the first tab is the default.
 */
export const consoleTabs: Array<{
  path: string;
  title: string;
  Component: ComponentType;
}> = [
  { path: 'accounts', title: 'Accounts', Component: AccountsTab },
  { path: 'settings', title: 'Settings', Component: SettingsTab },
  { path: 'sso', title: 'Single sign-on', Component: SsoTab },
];
