import {
  AuditorService,
  AuditorServiceCreateEventOptions,
  HttpAuthService,
} from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import { Request } from 'express';
import Router from 'express-promise-router';
import { describeActor } from '../lib/describeActor';
import { SettingsService } from './SettingsService';
import { parseNewTenant, TenantCreation } from './TenantCreation';
import { parseSettings, parseSignupCheck } from './validation';

/** A settings or tenant object as audit metadata (plain JSON by construction). */
function asJson(
  value: object,
): NonNullable<AuditorServiceCreateEventOptions['meta']> {
  return JSON.parse(JSON.stringify(value));
}

function accountIdQuery(req: Request): string {
  const { accountId, ...rest } = req.query;
  const unknown = Object.keys(rest);
  if (unknown.length) {
    throw new InputError(`Invalid query: unknown parameter ${unknown[0]}`);
  }
  if (typeof accountId !== 'string' || accountId === '') {
    throw new InputError('Invalid query: accountId is required');
  }
  return accountId;
}

/**
 * Enterprise settings, the SSO providers page, the sign-up check and
 * tenant creation under the account's restriction.
 */
export function createSettingsRouter(options: {
  httpAuth: HttpAuthService;
  auditor: AuditorService;
  settings: SettingsService;
  tenantCreation: TenantCreation;
}) {
  const { httpAuth, auditor, settings, tenantCreation } = options;
  const router = Router();

  router.get('/v1/accounts/:accountId/settings', async (req, res) => {
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    res.json(await settings.get(req.params.accountId, credentials));
  });

  router.put('/v1/accounts/:accountId/settings', async (req, res) => {
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    const { accountId } = req.params;
    const actor = describeActor(credentials);
    const event = await auditor.createEvent({
      eventId: 'settings-update',
      severityLevel: 'medium',
      request: req,
      meta: { accountId, actor },
    });
    try {
      await settings.authorizeUpdate(accountId, credentials);
      const { before, after } = await settings.put(
        accountId,
        parseSettings(req.body, accountId),
        credentials,
      );
      await event.success({
        meta: {
          accountId,
          actor,
          before: asJson(before),
          after: asJson(after),
        },
      });
      res.json(after);
    } catch (error) {
      await event.fail({ error: error as Error, meta: { accountId, actor } });
      throw error;
    }
  });

  router.get('/v1/sso/providers', async (req, res) => {
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    const items = await settings.listSsoProviders(
      accountIdQuery(req),
      credentials,
    );
    res.json({ items });
  });

  // The auth backend asks this as a service at every sign-in; users may ask
  // too (a sign-up form can warn early). Without settings.read on the
  // deciding account, it reveals only what a refused user would be told.
  router.post('/v1/signup-check', async (req, res) => {
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    res.json(
      await settings.checkSignup(parseSignupCheck(req.body), credentials),
    );
  });

  router.post('/v1/tenants', async (req, res) => {
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    const actor = describeActor(credentials);
    const event = await auditor.createEvent({
      eventId: 'tenant-create',
      severityLevel: 'medium',
      request: req,
      meta: { actor },
    });
    try {
      await tenantCreation.authorize(credentials);
      const tenant = await tenantCreation.create(
        parseNewTenant(req.body),
        credentials,
      );
      await event.success({
        meta: {
          actor,
          tenantId: tenant.id,
          accountId: tenant.accountId,
          after: asJson(tenant),
        },
      });
      res.status(201).json({ result: 'created', tenant });
    } catch (error) {
      await event.fail({ error: error as Error, meta: { actor } });
      throw error;
    }
  });

  return router;
}
