import { AuditorService, HttpAuthService } from '@backstage/backend-plugin-api';
import { NotFoundError } from '@backstage/errors';
import Router from 'express-promise-router';
import { Authorizer } from '../../permissions/authorize';
import { AccountStore } from '../../tenants';
import { auditedBillingWrite } from '../auditedBillingWrite';
import { readableAccount } from '../readableAccount';
import { utcDate } from '../../lib/utcDate';
import { SubscriptionStore } from '../subscriptions/SubscriptionStore';
import { parseCreditInput } from './creditInput';
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
        const input = parseCreditInput(req.body);
        if (!(await options.accounts.get(input.accountId))) {
          throw new NotFoundError(`Account ${input.accountId} not found`);
        }
        const time = now();
        if (input.subscriptionId !== undefined) {
          const subscription = await options.subscriptions.get(
            input.subscriptionId,
            utcDate(time),
          );
          // Another account's subscription is answered like a missing one.
          if (subscription?.accountId !== input.accountId) {
            throw new NotFoundError(
              `Subscription ${input.subscriptionId} not found in account ${input.accountId}`,
            );
          }
        }
        const { amountCents, note, ...where } = input;
        const after = await credits.add(where, {
          amountCents,
          note,
          author: actor,
          at: time,
        });
        return {
          value: after,
          meta: {
            actor,
            accountId: input.accountId,
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
