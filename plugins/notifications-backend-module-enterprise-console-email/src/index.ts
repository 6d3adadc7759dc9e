/**
 * Email template of the notifications email module that HTML-escapes the
 * title, description and link of every notification.
 *
 * @packageDocumentation
 */

export { notificationsModuleEnterpriseConsoleEmail as default } from './module';
export { EscapingTemplateRenderer } from './EscapingTemplateRenderer';
