import { PermissionsService } from '@backstage/backend-plugin-api';
import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { Knex } from 'knex';
import { createAuthorizer } from '../permissions/authorize';

/**
 * The real authorizer over a permission service that allows everything to
 * everyone but `denied`; callers are `defaultUser` unless a request says
 * otherwise. `calls` records each permission asked for.
 */
export function authorizerDenying(options: {
  db: Knex;
  denied: string;
  defaultUser: string;
}) {
  const calls: Array<{ name: string; resourceRef?: string }> = [];
  const permissions = mockServices.permissions.mock({
    authorize: (async (requests: any[], { credentials }: any) =>
      requests.map(r => {
        calls.push({ name: r.permission.name, resourceRef: r.resourceRef });
        return {
          result:
            credentials.principal.userEntityRef === options.denied
              ? AuthorizeResult.DENY
              : AuthorizeResult.ALLOW,
        };
      })) as PermissionsService['authorize'],
  });
  const authorizer = createAuthorizer({
    httpAuth: mockServices.httpAuth({
      defaultCredentials: mockCredentials.user(options.defaultUser),
    }),
    permissions,
    permissionsRegistry: {} as any,
    db: options.db,
  });
  return { authorizer, calls };
}
