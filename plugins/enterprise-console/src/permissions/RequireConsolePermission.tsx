import { Progress } from '@backstage/core-components';
import { Permission } from '@backstage/plugin-permission-common';
import { ReactNode } from 'react';
import { AccessDenied } from '../components/AccessDenied';
import { useConsolePermission } from './useConsolePermission';

/**
 * Renders its children only when the user holds the permission; otherwise
 * the access-denied page (`mode: 'page'`, for routes) or nothing
 * (`mode: 'hide'`, for actions).
 *
 * @public
 */
export function RequireConsolePermission(props: {
  permission: Permission;
  resourceRef?: string;
  /** Shown in the access-denied page. */
  resourceName?: string;
  mode?: 'page' | 'hide';
  children: ReactNode;
}) {
  const { permission, resourceRef, resourceName, mode = 'page' } = props;
  const { loading, allowed } = useConsolePermission(permission, resourceRef);
  if (loading) {
    return mode === 'page' ? <Progress /> : null;
  }
  if (!allowed) {
    return mode === 'page' ? (
      <AccessDenied
        permissionName={permission.name}
        resourceName={resourceName}
      />
    ) : null;
  }
  return <>{props.children}</>;
}
