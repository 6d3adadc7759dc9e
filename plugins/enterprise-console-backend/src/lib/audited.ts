import {
  AuditorService,
  AuditorServiceCreateEventOptions,
} from '@backstage/backend-plugin-api';

/** Audit metadata: a JSON object. */
export type AuditMeta = NonNullable<AuditorServiceCreateEventOptions['meta']>;

/**
 * Runs one audited change. The event is created before `change` runs, so a
 * refused or failed attempt is audited too; it succeeds with the meta
 * `change` returns, or fails with the error and the event's meta, and the
 * error is thrown on.
 */
export async function audited<T>(
  auditor: AuditorService,
  event: AuditorServiceCreateEventOptions,
  change: () => Promise<{ value: T; meta: AuditMeta }>,
): Promise<T> {
  const auditEvent = await auditor.createEvent(event);
  try {
    const { value, meta } = await change();
    await auditEvent.success({ meta });
    return value;
  } catch (error) {
    await auditEvent.fail({ error: error as Error, meta: event.meta });
    throw error;
  }
}
