import { AuditorService, HttpAuthService } from '@backstage/backend-plugin-api';
import { NotFoundError } from '@backstage/errors';
import { enterpriseConsoleDomainApprovePermission } from '@internal/plugin-enterprise-console-common';
import Router from 'express-promise-router';
import { audited } from '../lib/audited';
import { describeActor } from '../lib/describeActor';
import { Authorizer } from '../permissions/authorize';
import { SettingsService } from './SettingsService';
import {
  isDomainBindingId,
  parseApproval,
  parseDomainBindingQuery,
  parseRejection,
} from './domainBindingInput';

/**
 * The approval queue of the email domains accounts bind: platform admins
 * with domain.approve list, approve and reject them. Each decision is
 * audited with the binding before and after. Approving an SSO domain
 * another account holds approved is refused with a 409.
 */
export function createDomainBindingsRouter(options: {
  httpAuth: HttpAuthService;
  auditor: AuditorService;
  authorizer: Authorizer;
  settings: SettingsService;
}) {
  const { httpAuth, auditor, authorizer, settings } = options;
  const router = Router();

  router.get('/v1/domain-bindings', async (req, res) => {
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    await authorizer.requirePermission(
      credentials,
      enterpriseConsoleDomainApprovePermission,
    );
    const status = parseDomainBindingQuery(req.query);
    res.json({ items: await settings.listDomainBindings(status) });
  });

  for (const action of ['approve', 'reject'] as const) {
    router.post(`/v1/domain-bindings/:id/${action}`, async (req, res) => {
      const credentials = await httpAuth.credentials(req, {
        allow: ['user', 'service'],
      });
      const { id } = req.params;
      const actor = describeActor(credentials);
      const event = {
        eventId: `domain-binding-${action}`,
        severityLevel: 'high',
        request: req,
        meta: { bindingId: id, actor },
      } as const;
      const after = await audited(auditor, event, async () => {
        await authorizer.requirePermission(
          credentials,
          enterpriseConsoleDomainApprovePermission,
        );
        const decision =
          action === 'approve'
            ? (parseApproval(req.body), { status: 'approved' as const })
            : { status: 'rejected' as const, ...parseRejection(req.body) };
        if (!isDomainBindingId(id)) {
          throw new NotFoundError(`Domain binding ${id} not found`);
        }
        const change = await settings.decideDomainBinding(id, decision, actor);
        return {
          value: change.after,
          meta: {
            bindingId: id,
            accountId: change.after.accountId,
            domain: change.after.domain,
            actor,
            before: { ...change.before },
            after: { ...change.after },
          },
        };
      });
      res.json(after);
    });
  }

  return router;
}
