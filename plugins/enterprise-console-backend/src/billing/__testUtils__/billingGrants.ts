import { mockServices } from '@backstage/backend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  enterpriseConsoleBillingManagePermission,
  enterpriseConsoleBillingReadPermission,
  enterpriseConsoleTenantReadPermission,
} from '@internal/plugin-enterprise-console-common';

/** A billing manager (billing.manage and billing.read everywhere). */
export const BILLING_MANAGER = 'user:default/bill';
/** A user holding billing.read everywhere, nothing else. */
export const BILLING_READER = 'user:default/rhea';
/** A user holding tenant.read everywhere, no billing permission. */
export const TENANT_READER = 'user:default/tess';
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

const decide = (requests: any[], credentials: any) =>
  requests.map(r => ({
    result: GRANTS[credentials.principal.userEntityRef]?.includes(
      r.permission.name,
    )
      ? AuthorizeResult.ALLOW
      : AuthorizeResult.DENY,
  }));

/** A permissions service that allows each of the users above what they hold, outright. */
export function billingPermissionsMock() {
  return mockServices.permissions.mock({
    authorize: (async (requests: any[], { credentials }: any) =>
      decide(requests, credentials)) as any,
    authorizeConditional: (async (requests: any[], { credentials }: any) =>
      decide(requests, credentials)) as any,
  });
}
