import { AuditorService } from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import { Request } from 'express';
import Router from 'express-promise-router';
import {
  enterpriseConsoleAccountAdminsManagePermission,
  enterpriseConsoleDataIngestPermission,
} from '@internal/plugin-enterprise-console-common';
import { audited } from '../lib/audited';
import { Authorizer } from '../permissions/authorize';
import { AccountStore, TenantStore } from '../tenants';
import { TenantDataWriter, UpsertAuthority } from './TenantDataWriter';

/**
 * The body of a PUT with the id taken from the path. The body may repeat the
 * id (e.g. an object read back from the API) but not contradict it.
 */
function bodyWithPathId(req: Request, param: string): Record<string, unknown> {
  const body: unknown = req.body;
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new InputError('The body must be a JSON object');
  }
  const id = req.params[param];
  if ('id' in body && (body as { id?: unknown }).id !== id) {
    throw new InputError(`Invalid body: id must match the path's ${param}`);
  }
  return { ...body, id };
}

/** `PUT /v1/accounts/{accountId}` and `PUT /v1/tenants/{tenantId}`. */
export function createUpsertRouter(options: {
  authorizer: Authorizer;
  auditor: AuditorService;
  accounts: AccountStore;
  tenants: TenantStore;
  writer: TenantDataWriter;
}) {
  const { authorizer, auditor, accounts, tenants, writer } = options;
  const router = Router();

  /**
   * One audited upsert route: `kind` names the path parameter, the audit
   * event and the answer's field.
   */
  const upsertRoute = (
    kind: 'account' | 'tenant',
    upsert: (
      input: Record<string, unknown>,
      authority: UpsertAuthority,
    ) => Promise<string>,
    read: (id: string) => Promise<unknown>,
  ) => {
    const param = `${kind}Id`;
    router.put(`/v1/${kind}s/:${param}`, async (req, res) => {
      const event = {
        eventId: `${kind}-upsert`,
        severityLevel: 'medium',
        request: req,
        meta: { [param]: req.params[param] },
      } as const;
      const { result, stored } = await audited(auditor, event, async () => {
        const credentials = await authorizer.authorize(
          req,
          enterpriseConsoleDataIngestPermission,
        );
        // data.ingest writes data; who administers what needs more.
        const mayReassign = await authorizer.isAllowed(
          credentials,
          enterpriseConsoleAccountAdminsManagePermission,
        );
        const outcome = await upsert(bodyWithPathId(req, param), {
          mayReassign,
        });
        return {
          value: { result: outcome, stored: await read(req.params[param]) },
          meta: { result: outcome },
        };
      });
      res
        .status(result === 'created' ? 201 : 200)
        .json({ result, [kind]: stored });
    });
  };

  upsertRoute(
    'account',
    (input, authority) => writer.upsertAccount(input, authority),
    id => accounts.get(id),
  );
  upsertRoute(
    'tenant',
    (input, authority) => writer.upsertTenant(input, authority),
    id => tenants.get(id),
  );

  return router;
}
