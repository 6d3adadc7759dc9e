import { createBackend } from '@backstage/backend-defaults';
import { authModuleDemoPersona } from './modules/demoPersonaAuth';

const backend = createBackend();

backend.add(import('@backstage/plugin-app-backend'));

// Sign-in: the guest provider in development (see app-config.yaml),
// registered by the Enterprise Console's sign-in module in place of
// @backstage/plugin-auth-backend-module-guest-provider so that sign-ins obey
// the accounts' sign-up restriction and SSO domains.
backend.add(import('@backstage/plugin-auth-backend'));
backend.add(
  import('@internal/plugin-auth-backend-module-enterprise-console-sign-in'),
);
// Development only, see src/modules/demoPersonaAuth.ts.
backend.add(authModuleDemoPersona);

// Catalog: users, groups and components from examples/.
backend.add(import('@backstage/plugin-catalog-backend'));
backend.add(import('@backstage/plugin-catalog-backend-module-logs'));
// Tenants of the Enterprise Console as Resource entities of type tenant.
backend.add(
  import('@internal/plugin-catalog-backend-module-enterprise-console'),
);

// Permissions are on (permission.enabled), decided by the Enterprise
// Console's roles-as-code policy (enterpriseConsole.roles in app-config);
// other plugins' permissions follow enterpriseConsole.policy.defaultDecision.
backend.add(import('@backstage/plugin-permission-backend'));
backend.add(
  import(
    '@internal/plugin-permission-backend-module-enterprise-console-policy'
  ),
);

// Notifications in the portal and by email, pushed live through signals
// (which ride on the events bus).
backend.add(import('@backstage/plugin-events-backend'));
backend.add(import('@backstage/plugin-notifications-backend'));
backend.add(import('@backstage/plugin-notifications-backend-module-email'));
// The email module's mail with title, description and link HTML-escaped:
// descriptions carry run and account names that users and ingestion set.
backend.add(
  import(
    '@internal/plugin-notifications-backend-module-enterprise-console-email'
  ),
);
backend.add(import('@backstage/plugin-signals-backend'));
backend.add(import('@backstage/plugin-user-settings-backend'));

// The Enterprise Console, with demo data when enterpriseConsole.demoData.enabled.
backend.add(import('@internal/plugin-enterprise-console-backend'));
backend.add(import('@internal/enterprise-console-demo-data'));

backend.start();
