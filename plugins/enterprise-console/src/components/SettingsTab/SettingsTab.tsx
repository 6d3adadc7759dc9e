import { enterpriseConsoleSettingsReadPermission } from '@internal/plugin-enterprise-console-common';
import { EnterpriseAccountTab } from '../AccountPicker/EnterpriseAccountTab';
import { AccountSettingsForm } from './AccountSettingsForm';

/**
 * Enterprise settings of the account chosen in the picker.
 *
 * @public
 */
export function SettingsTab() {
  return (
    <EnterpriseAccountTab permission={enterpriseConsoleSettingsReadPermission}>
      {account => <AccountSettingsForm key={account.id} account={account} />}
    </EnterpriseAccountTab>
  );
}
