import { Knex } from 'knex';
import { FeatureRegistrationEntry } from './FeatureRegistry';

/** How far back SMS count as use of sms-reminders. */
export const SMS_IN_USE_DAYS = 30;

/**
 * Usage providers the console answers from its own data (read-only queries
 * of the tenant data tables, which ingestion owns):
 *
 * - `sms-reminders`: the tenant has SMS messages (either direction) sent
 *   in the last 30 days, by the billing clock.
 * - `odata-feeds`: the tenant has OData feeds (`data_feeds` rows), which
 *   carry no time: having one is using the feature.
 *
 * `api-access` has no provider: the console sees no calls of a tenant's
 * API clients (ingestion is the operator's integration, not the tenant's),
 * so a module that knows should register one.
 */
export function builtInFeatureUsage(
  db: Knex,
  now: () => Date,
): FeatureRegistrationEntry[] {
  const exists = async (query: Knex.QueryBuilder) =>
    (await query.select(db.raw('1 as found')).first()) !== undefined;
  return [
    {
      feature: 'sms-reminders',
      registration: {
        inUse: tenantId =>
          exists(
            db('sms_messages')
              .where('tenant_id', tenantId)
              .where(
                'sent_at',
                '>=',
                new Date(now().getTime() - SMS_IN_USE_DAYS * 86_400_000),
              ),
          ),
      },
    },
    {
      feature: 'odata-feeds',
      registration: {
        inUse: tenantId =>
          exists(db('data_feeds').where('tenant_id', tenantId)),
      },
    },
  ];
}
