import { AuditorService, HttpAuthService } from '@backstage/backend-plugin-api';
import { NotAllowedError } from '@backstage/errors';
import {
  enterpriseConsoleBillingManagePermission,
  enterpriseConsoleSettingsUpdatePermission,
  isValidSlug,
} from '@internal/plugin-enterprise-console-common';
import Router from 'express-promise-router';
import { audited } from '../../lib/audited';
import { describeActor } from '../../lib/describeActor';
import { Authorizer } from '../../permissions/authorize';
import { AccountStore } from '../../tenants';
import { billingReadableAccount } from '../billingReadAccess';
import { requireAccount } from '../existingAccount';
import { parseContacts } from './contactInput';
import { ContactStore } from './ContactStore';

/**
 * `/v1/billing/accounts/{accountId}/contacts` (api.md, "Billing"): the
 * account's billing contacts for billing.read on it; replaced by billing
 * managers, or by whoever may update the account's settings (its admins
 * keep their own contacts), audited (`billing-contacts-update`) with the
 * lists before and after.
 */
export function createContactsRouter(options: {
  httpAuth: HttpAuthService;
  auditor: AuditorService;
  authorizer: Authorizer;
  contacts: ContactStore;
  accounts: AccountStore;
}) {
  const { httpAuth, auditor, authorizer, contacts, accounts } = options;
  const router = Router();

  router.get('/v1/billing/accounts/:accountId/contacts', async (req, res) => {
    const account = await billingReadableAccount(req, req.params.accountId, {
      authorizer,
      accounts,
    });
    res.json({ items: await contacts.list(account.id) });
  });

  router.put('/v1/billing/accounts/:accountId/contacts', async (req, res) => {
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    const actor = describeActor(credentials);
    const { accountId } = req.params;
    const value = await audited(
      auditor,
      {
        eventId: 'billing-contacts-update',
        severityLevel: 'medium',
        request: req,
        meta: { actor, accountId },
      },
      async () => {
        // Checked before the account is looked up, so a caller without
        // either permission learns nothing about which accounts exist.
        const allowed =
          (await authorizer.isAllowed(
            credentials,
            enterpriseConsoleBillingManagePermission,
          )) ||
          (isValidSlug(accountId) &&
            (await authorizer.isAllowed(
              credentials,
              enterpriseConsoleSettingsUpdatePermission,
              accountId,
            )));
        if (!allowed) {
          throw new NotAllowedError(
            `Not allowed: ${enterpriseConsoleBillingManagePermission.name}, or ${enterpriseConsoleSettingsUpdatePermission.name} on ${accountId}, is required`,
          );
        }
        await requireAccount(accounts, accountId);
        const items = parseContacts(req.body);
        const { before, after } = await contacts.replace(accountId, items);
        return {
          value: { items: after },
          meta: {
            actor,
            accountId,
            before: { items: before },
            after: { items: after },
          },
        };
      },
    );
    res.json(value);
  });

  return router;
}
