import { enterpriseConsoleDomainApprovePermission } from '@internal/plugin-enterprise-console-common';
import { RequireConsolePermission } from '../../permissions';
import { DomainApprovals } from './DomainApprovals';

/**
 * The approval queue of the email domains accounts bind, for platform
 * admins holding domain.approve (a basic permission, across all accounts).
 *
 * @public
 */
export function DomainApprovalsTab() {
  return (
    <RequireConsolePermission
      permission={enterpriseConsoleDomainApprovePermission}
    >
      <DomainApprovals />
    </RequireConsolePermission>
  );
}
