import { mockServices } from '@backstage/backend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  enterpriseConsoleBillingManagePermission,
  enterpriseConsoleBillingReadPermission,
  enterpriseConsoleSettingsUpdatePermission,
  enterpriseConsoleTenantReadPermission,
} from '@internal/plugin-enterprise-console-common';

/** A billing manager (billing.manage and billing.read everywhere). */
export const BILLING_MANAGER = 'user:default/bill';
/** A user holding billing.read everywhere, nothing else. */
export const BILLING_READER = 'user:default/rhea';
/** A user holding tenant.read everywhere, no billing permission. */
export const TENANT_READER = 'user:default/tess';
/** An admin of the account acme: settings.update on acme alone. */
export const ACME_ADMIN = 'user:default/ada';
/** A user holding no permission. */
export const NO_PERMISSIONS = 'user:default/nobody';

const GRANTS: Record<string, string[]> = {
  [BILLING_MANAGER]: [
    enterpriseConsoleBillingManagePermission.name,
    enterpriseConsoleBillingReadPermission.name,
  ],
  [BILLING_READER]: [enterpriseConsoleBillingReadPermission.name],
  [TENANT_READER]: [enterpriseConsoleTenantReadPermission.name],
  [NO_PERMISSIONS]: [],
};

/** Grants on one account each: user → permission → account ids. */
const ACCOUNT_GRANTS: Record<string, Record<string, string[]>> = {
  [ACME_ADMIN]: { [enterpriseConsoleSettingsUpdatePermission.name]: ['acme'] },
};

const decide = (requests: any[], credentials: any) =>
  requests.map(r => {
    const user = credentials.principal.userEntityRef;
    const allowed =
      GRANTS[user]?.includes(r.permission.name) ||
      (r.resourceRef !== undefined &&
        ACCOUNT_GRANTS[user]?.[r.permission.name]?.includes(r.resourceRef));
    return {
      result: allowed ? AuthorizeResult.ALLOW : AuthorizeResult.DENY,
    };
  });

/** A permissions service that allows each of the users above what they hold (outright, or on the named accounts). */
export function billingPermissionsMock() {
  return mockServices.permissions.mock({
    authorize: (async (requests: any[], { credentials }: any) =>
      decide(requests, credentials)) as any,
    authorizeConditional: (async (requests: any[], { credentials }: any) =>
      decide(requests, credentials)) as any,
  });
}
