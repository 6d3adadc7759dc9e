import { createConditionExports } from '@backstage/plugin-permission-node';
import {
  enterpriseAccountPermissionResourceRef,
  enterpriseTenantPermissionResourceRef,
} from './resources';
import {
  enterpriseAccountPermissionRules,
  enterpriseTenantPermissionRules,
} from './rules';

const accountExports = createConditionExports({
  resourceRef: enterpriseAccountPermissionResourceRef,
  rules: enterpriseAccountPermissionRules,
});

const tenantExports = createConditionExports({
  resourceRef: enterpriseTenantPermissionResourceRef,
  rules: enterpriseTenantPermissionRules,
});

/**
 * Conditions on accounts for policy authors, e.g.
 * `enterpriseAccountConditions.isAccountAdmin({ claims })`.
 *
 * @public
 */
export const enterpriseAccountConditions = accountExports.conditions;

/**
 * Builds a conditional decision for an `enterprise-account` permission.
 *
 * @public
 */
export const createEnterpriseAccountConditionalDecision =
  accountExports.createConditionalDecision;

/**
 * Conditions on tenants for policy authors, e.g.
 * `enterpriseTenantConditions.hasFeature({ feature: 'sms-reminders' })`.
 *
 * @public
 */
export const enterpriseTenantConditions = tenantExports.conditions;

/**
 * Builds a conditional decision for an `enterprise-tenant` permission.
 *
 * @public
 */
export const createEnterpriseTenantConditionalDecision =
  tenantExports.createConditionalDecision;
