import { enterpriseConsoleReportExportPermission } from '@internal/plugin-enterprise-console-common';
import { EnterpriseAccountTab } from '../AccountPicker/EnterpriseAccountTab';
import { ReportRunsPanel } from './ReportRunsPanel';

/**
 * The report history of the account chosen in the picker, for users who may
 * export its reports.
 *
 * @public
 */
export function ReportsTab(props: { pollIntervalMs?: number }) {
  return (
    <EnterpriseAccountTab permission={enterpriseConsoleReportExportPermission}>
      {account => (
        <ReportRunsPanel
          key={account.id}
          account={account}
          pollIntervalMs={props.pollIntervalMs}
        />
      )}
    </EnterpriseAccountTab>
  );
}
