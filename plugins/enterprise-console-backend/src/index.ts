/**
 * The Enterprise Console backend plugin: tenants, reports and billing for platform admins.
 *
 * @packageDocumentation
 */

export { enterpriseConsolePlugin as default } from './plugin';
