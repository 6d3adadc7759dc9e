import { AuditorService, HttpAuthService } from '@backstage/backend-plugin-api';
import Router from 'express-promise-router';
import { Authorizer } from '../../permissions/authorize';
import { AccountStore } from '../../tenants';
import { auditedBillingWrite } from '../auditedBillingWrite';
import { readableAccount } from '../readableAccount';
import { SubscriptionStore } from '../subscriptions/SubscriptionStore';
import { addCredit } from './addCredit';
import { CreditStore } from './CreditStore';

/**
 * `/v1/billing/credits` (api.md, "Billing"): an account's credit lines and
 * their ledgers for billing.read on the account; a grant or an adjustment
 * by a billing manager, audited (`billing-credit`) with the line before
 * and after.
 */
export function createCreditsRouter(options: {
  httpAuth: HttpAuthService;
  auditor: AuditorService;
  authorizer: Authorizer;
  credits: CreditStore;
  subscriptions: SubscriptionStore;
  accounts: AccountStore;
  now: () => Date;
}) {
  const { credits, now } = options;
  const router = Router();

  router.get('/v1/billing/credits', async (req, res) => {
    const account = await readableAccount(req, options);
    res.json({ items: await credits.list(account.id) });
  });

  router.post('/v1/billing/credits', async (req, res) => {
    const line = await auditedBillingWrite(
      req,
      options,
      { eventId: 'billing-credit' },
      async actor => {
        const after = await addCredit(options, req.body, {
          actor,
          now: now(),
        });
        return {
          value: after,
          meta: {
            actor,
            accountId: after.accountId,
            before: null,
            after: { ...after, entries: after.entries.slice(-1) },
          },
        };
      },
    );
    res.status(201).json(line);
  });

  return router;
}
