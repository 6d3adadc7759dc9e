import { Progress, ResponseErrorPanel } from '@backstage/core-components';
import { Permission } from '@backstage/plugin-permission-common';
import { AccountSummary } from '@internal/plugin-enterprise-console-common';
import Box from '@material-ui/core/Box';
import { ReactNode } from 'react';
import { RequireConsolePermission } from '../../permissions';
import { AccessDenied } from '../AccessDenied';
import { AccountPicker } from './AccountPicker';
import { useSelectedEnterpriseAccount } from './useSelectedEnterpriseAccount';

/**
 * A tab about one enterprise account: the account picker, then the content
 * when the user holds `permission` on the chosen account, else the
 * access-denied page.
 */
export function EnterpriseAccountTab(props: {
  permission: Permission;
  /** Whether every account is offered, not only enterprise accounts. */
  allAccounts?: boolean;
  children: (account: AccountSummary) => ReactNode;
}) {
  const { accounts, selected, select, loading, error } =
    useSelectedEnterpriseAccount(!props.allAccounts);
  if (loading) {
    return <Progress />;
  }
  if (error) {
    return <ResponseErrorPanel error={error} />;
  }
  if (!selected) {
    // The accounts list only holds what the user may see, so an empty one
    // means no role grants this tab on any enterprise account.
    return (
      <AccessDenied
        permissionName={props.permission.name}
        resourceName={
          props.allAccounts ? 'any account' : 'any enterprise account'
        }
      />
    );
  }
  return (
    <>
      <Box mb={2}>
        <AccountPicker
          accounts={accounts}
          selected={selected}
          onSelect={select}
        />
      </Box>
      <RequireConsolePermission
        key={selected.id}
        permission={props.permission}
        resourceRef={selected.id}
        resourceName={selected.name}
      >
        {props.children(selected)}
      </RequireConsolePermission>
    </>
  );
}
