import { enterpriseConsoleConsoleReadPermission } from '@internal/plugin-enterprise-console-common';
import { EnterpriseAccountTab } from '../AccountPicker/EnterpriseAccountTab';
import { ConsoleDashboard } from './ConsoleDashboard';

/**
 * The dashboard of the account chosen in the picker: one tile per report.
 *
 * @public
 */
export function ConsoleTab() {
  return (
    <EnterpriseAccountTab permission={enterpriseConsoleConsoleReadPermission}>
      {account => <ConsoleDashboard key={account.id} account={account} />}
    </EnterpriseAccountTab>
  );
}
