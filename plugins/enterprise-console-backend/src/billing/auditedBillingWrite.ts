import { AuditorService, HttpAuthService } from '@backstage/backend-plugin-api';
import { enterpriseConsoleBillingManagePermission } from '@internal/plugin-enterprise-console-common';
import { Request } from 'express';
import { AuditMeta, audited } from '../lib/audited';
import { describeActor } from '../lib/describeActor';
import { Authorizer } from '../permissions/authorize';

/**
 * A billing manager's write: the caller authenticated (a user or a
 * service), audited as `eventId` from the start (so a refusal is audited
 * too), then billing.manage required before `change` runs with the
 * caller's ref as the actor.
 */
export async function auditedBillingWrite<T>(
  req: Request,
  deps: {
    httpAuth: HttpAuthService;
    auditor: AuditorService;
    authorizer: Authorizer;
  },
  event: {
    eventId: string;
    meta?: AuditMeta;
    /** Default high: a change to money or terms. */
    severityLevel?: 'low' | 'medium' | 'high' | 'critical';
  },
  change: (actor: string) => Promise<{ value: T; meta: AuditMeta }>,
): Promise<T> {
  const credentials = await deps.httpAuth.credentials(req, {
    allow: ['user', 'service'],
  });
  const actor = describeActor(credentials);
  return audited(
    deps.auditor,
    {
      eventId: event.eventId,
      severityLevel: event.severityLevel ?? 'high',
      request: req,
      meta: { actor, ...event.meta },
    },
    async () => {
      await deps.authorizer.requirePermission(
        credentials,
        enterpriseConsoleBillingManagePermission,
      );
      return change(actor);
    },
  );
}
