import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { policyExtensionPoint } from '@backstage/plugin-permission-node/alpha';
import { createCatalogEmailResolver } from './catalogEmails';
import { EnterpriseConsolePolicy } from './EnterpriseConsolePolicy';
import { readRoles } from './roles';

/**
 * Reads enterpriseConsole.policy.defaultDecision.
 *
 * @public
 */
export function readDefaultDecision(config: Config): 'allow' | 'deny' {
  const key = 'enterpriseConsole.policy.defaultDecision';
  const value = config.getOptionalString(key) ?? 'allow';
  if (value !== 'allow' && value !== 'deny') {
    throw new Error(`Invalid ${key}: '${value}', expected allow or deny`);
  }
  return value;
}

/**
 * The Enterprise Console's roles-as-code permission policy. Install it
 * instead of the allow-all policy; only one policy module may be installed.
 *
 * @public
 */
export const enterpriseConsolePermissionPolicyModule = createBackendModule({
  pluginId: 'permission',
  moduleId: 'enterprise-console-policy',
  register(reg) {
    reg.registerInit({
      deps: {
        policy: policyExtensionPoint,
        config: coreServices.rootConfig,
        userInfo: coreServices.userInfo,
        auth: coreServices.auth,
        logger: coreServices.logger,
        catalog: catalogServiceRef,
      },
      async init({ policy, config, userInfo, auth, logger, catalog }) {
        const roles = readRoles(config);
        logger.info(
          `Enterprise Console roles: ${roles
            .map(role => `${role.name} (${role.members.length} members)`)
            .join(', ')}`,
        );
        policy.setPolicy(
          new EnterpriseConsolePolicy({
            roles,
            defaultDecision: readDefaultDecision(config),
            userInfo,
            emailsOf: createCatalogEmailResolver({ catalog, auth }),
            logger,
          }),
        );
      },
    });
  },
});
