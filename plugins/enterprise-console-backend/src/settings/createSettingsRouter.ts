import {
  AuditorService,
  AuditorServiceCreateEventOptions,
  HttpAuthService,
} from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import { Request } from 'express';
import Router from 'express-promise-router';
import { audited } from '../lib/audited';
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
    const event = {
      eventId: 'settings-update',
      severityLevel: 'medium',
      request: req,
      meta: { accountId, actor },
    } as const;
    const after = await audited(auditor, event, async () => {
      await settings.authorizeUpdate(accountId, credentials);
      const change = await settings.put(
        accountId,
        parseSettings(req.body, accountId),
        credentials,
      );
      return {
        value: change.after,
        meta: {
          accountId,
          actor,
          before: asJson(change.before),
          after: asJson(change.after),
        },
      };
    });
    res.json(after);
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
    const event = {
      eventId: 'tenant-create',
      severityLevel: 'medium',
      request: req,
      meta: { actor },
    } as const;
    const tenant = await audited(auditor, event, async () => {
      await tenantCreation.authorize(credentials);
      const created = await tenantCreation.create(
        parseNewTenant(req.body),
        credentials,
      );
      return {
        value: created,
        meta: {
          actor,
          tenantId: created.id,
          accountId: created.accountId,
          after: asJson(created),
        },
      };
    });
    res.status(201).json({ result: 'created', tenant });
  });

  return router;
}
