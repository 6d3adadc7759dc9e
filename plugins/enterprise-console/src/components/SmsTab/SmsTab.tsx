import { enterpriseConsoleConsoleReadPermission } from '@internal/plugin-enterprise-console-common';
import { EnterpriseAccountTab } from '../AccountPicker/EnterpriseAccountTab';
import { SmsReport } from './SmsReport';

/**
 * The SMS detailed report of the account chosen in the picker.
 *
 * @public
 */
export function SmsTab() {
  return (
    <EnterpriseAccountTab permission={enterpriseConsoleConsoleReadPermission}>
      {account => <SmsReport key={account.id} account={account} />}
    </EnterpriseAccountTab>
  );
}
