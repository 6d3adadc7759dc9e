import { AuditorService, HttpAuthService } from '@backstage/backend-plugin-api';
import Router from 'express-promise-router';
import { Knex } from 'knex';
import { Authorizer } from '../../permissions/authorize';
import { AccountStore } from '../../tenants';
import { CreditStore } from '../credits/CreditStore';
import { InvoiceStore } from '../invoices/InvoiceStore';
import { auditedBillingWrite } from '../auditedBillingWrite';
import { requireAccount } from '../existingAccount';
import { readableAccount } from '../readableAccount';
import { utcDate } from '../../lib/utcDate';
import { parsePaymentInput } from './paymentInput';
import { PaymentStore } from './PaymentStore';
import { recordPayment } from './recordPayment';

/**
 * `/v1/billing/payments` (api.md, "Billing"): an account's payments for
 * billing.read on the account; recording one (see recordPayment) by a
 * billing manager, audited (`billing-payment`) with how it was applied.
 */
export function createPaymentsRouter(options: {
  db: Knex;
  httpAuth: HttpAuthService;
  auditor: AuditorService;
  authorizer: Authorizer;
  payments: PaymentStore;
  invoices: InvoiceStore;
  credits: CreditStore;
  accounts: AccountStore;
  now: () => Date;
}) {
  const { payments, now } = options;
  const router = Router();

  router.get('/v1/billing/payments', async (req, res) => {
    const account = await readableAccount(req, options);
    res.json({ items: await payments.list(account.id) });
  });

  router.post('/v1/billing/payments', async (req, res) => {
    const payment = await auditedBillingWrite(
      req,
      options,
      { eventId: 'billing-payment' },
      async actor => {
        const time = now();
        const input = parsePaymentInput(req.body, utcDate(time));
        await requireAccount(options.accounts, input.accountId);
        const value = await recordPayment(options, input, {
          actor,
          now: time,
        });
        return {
          value,
          meta: {
            actor,
            accountId: input.accountId,
            before: null,
            after: { ...value },
          },
        };
      },
    );
    res.status(201).json(payment);
  });

  return router;
}
