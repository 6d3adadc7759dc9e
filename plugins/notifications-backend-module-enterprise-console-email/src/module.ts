import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { notificationsEmailTemplateExtensionPoint } from '@backstage/plugin-notifications-backend-module-email';
import { EscapingTemplateRenderer } from './EscapingTemplateRenderer';

/**
 * Renders every notification email with its title, description and link
 * HTML-escaped. Install it next to
 * `@backstage/plugin-notifications-backend-module-email`; the email module
 * takes one template renderer, so no other may be installed.
 *
 * @public
 */
export const notificationsModuleEnterpriseConsoleEmail = createBackendModule({
  pluginId: 'notifications',
  moduleId: 'enterprise-console-email',
  register(reg) {
    reg.registerInit({
      deps: {
        templates: notificationsEmailTemplateExtensionPoint,
        config: coreServices.rootConfig,
      },
      async init({ templates, config }) {
        templates.setTemplateRenderer(
          new EscapingTemplateRenderer({
            frontendBaseUrl: config.getString('app.baseUrl'),
          }),
        );
      },
    });
  },
});
