import {
  AuditorService,
  HttpAuthService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import { Request } from 'express';
import Router from 'express-promise-router';
import { requireDataIngest } from '../permissions/requireDataIngest';
import { AccountStore } from './AccountStore';
import { TenantDataWriter } from './TenantDataWriter';
import { TenantStore } from './TenantStore';

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
export function createPutRouter(options: {
  httpAuth: HttpAuthService;
  permissions: PermissionsService;
  auditor: AuditorService;
  accounts: AccountStore;
  tenants: TenantStore;
  writer: TenantDataWriter;
}) {
  const { auditor, accounts, tenants, writer } = options;
  const router = Router();

  router.put('/v1/accounts/:accountId', async (req, res) => {
    const event = await auditor.createEvent({
      eventId: 'account-upsert',
      severityLevel: 'medium',
      request: req,
      meta: { accountId: req.params.accountId },
    });
    try {
      await requireDataIngest(req, options);
      const result = await writer.upsertAccount(
        bodyWithPathId(req, 'accountId'),
      );
      const account = await accounts.get(req.params.accountId);
      await event.success({ meta: { result } });
      res.status(result === 'created' ? 201 : 200).json({ result, account });
    } catch (error) {
      await event.fail({ error: error as Error });
      throw error;
    }
  });

  router.put('/v1/tenants/:tenantId', async (req, res) => {
    const event = await auditor.createEvent({
      eventId: 'tenant-upsert',
      severityLevel: 'medium',
      request: req,
      meta: { tenantId: req.params.tenantId },
    });
    try {
      await requireDataIngest(req, options);
      const result = await writer.upsertTenant(bodyWithPathId(req, 'tenantId'));
      const tenant = await tenants.get(req.params.tenantId);
      await event.success({ meta: { result } });
      res.status(result === 'created' ? 201 : 200).json({ result, tenant });
    } catch (error) {
      await event.fail({ error: error as Error });
      throw error;
    }
  });

  return router;
}
