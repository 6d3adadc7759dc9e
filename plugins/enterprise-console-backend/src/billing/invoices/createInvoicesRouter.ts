import { AuditorService, HttpAuthService } from '@backstage/backend-plugin-api';
import { InputError, NotFoundError } from '@backstage/errors';
import { isValidSlug } from '@internal/plugin-enterprise-console-common';
import Router from 'express-promise-router';
import { rejectUnknownQuery } from '../../lib/validation';
import { Authorizer } from '../../permissions/authorize';
import { tenantsOfAccounts } from '../../permissions/criteriaToKnex';
import { AccountStore, TenantStore } from '../../tenants';
import { billingReadDecision } from '../billingReadAccess';
import { auditedBillingWrite } from '../auditedBillingWrite';
import { utcDate } from '../../lib/utcDate';
import { Invoice, InvoiceStore } from './InvoiceStore';
import { readableInvoice } from './readableInvoice';
import { InvoiceRunResult } from './runInvoices';
import { parseInvoiceRunInput } from './invoiceRunInput';
import { parseVoidInput } from './voidInput';

/** What a void changes of an invoice, for the audit. */
const auditedState = (invoice: Invoice) => ({
  number: invoice.number,
  status: invoice.status,
  creditApplied: invoice.creditApplied,
  balance: invoice.balance,
  voidReason: invoice.voidReason ?? null,
});

/**
 * `/v1/billing/invoice-runs` and `/v1/billing/invoices` (api.md,
 * "Billing"): a run for a past month by a billing manager, audited
 * (`billing-invoice-run`) with what it made; an account's or a tenant's
 * invoices, and one invoice, for billing.read on the account (one the
 * caller may not read is answered like a missing one); the void of an
 * invoice by a billing manager (`billing-invoice-void`), which gives its
 * credits back.
 */
export function createInvoicesRouter(options: {
  httpAuth: HttpAuthService;
  auditor: AuditorService;
  authorizer: Authorizer;
  invoices: InvoiceStore;
  accounts: AccountStore;
  tenants: TenantStore;
  run: (period: string) => Promise<InvoiceRunResult>;
  now: () => Date;
}) {
  const { authorizer, invoices, now } = options;
  const router = Router();

  router.post('/v1/billing/invoice-runs', async (req, res) => {
    const result = await auditedBillingWrite(
      req,
      options,
      { eventId: 'billing-invoice-run' },
      async actor => {
        const input = parseInvoiceRunInput(req.body, utcDate(now()));
        const value = await options.run(input.period);
        return {
          value,
          meta: {
            actor,
            period: input.period,
            asOf: input.asOf,
            before: null,
            after: { ...value },
          },
        };
      },
    );
    res.json(result);
  });

  router.get('/v1/billing/invoices', async (req, res) => {
    const decision = await billingReadDecision(req, authorizer);
    rejectUnknownQuery(req.query, ['tenantId', 'accountId']);
    const { tenantId, accountId } = req.query;
    if ((tenantId === undefined) === (accountId === undefined)) {
      throw new InputError('Invalid query: give either tenantId or accountId');
    }
    if (tenantId !== undefined) {
      const tenant =
        typeof tenantId === 'string' && isValidSlug(tenantId)
          ? await options.tenants.get(
              tenantId,
              tenantsOfAccounts(decision).filter,
            )
          : undefined;
      if (!tenant) {
        throw new NotFoundError(`Tenant ${String(tenantId)} not found`);
      }
      res.json({
        items: await invoices.list({ tenantId: tenant.id }, utcDate(now())),
      });
      return;
    }
    const account =
      typeof accountId === 'string' && isValidSlug(accountId)
        ? await options.accounts.get(accountId, decision.filter)
        : undefined;
    if (!account) {
      throw new NotFoundError(`Account ${String(accountId)} not found`);
    }
    res.json({
      items: await invoices.list({ accountId: account.id }, utcDate(now())),
    });
  });

  router.get('/v1/billing/invoices/:id', async (req, res) => {
    res.json(
      await readableInvoice(req, req.params.id, {
        ...options,
        today: utcDate(now()),
      }),
    );
  });

  router.post('/v1/billing/invoices/:id/void', async (req, res) => {
    const { id } = req.params;
    const voided = await auditedBillingWrite(
      req,
      options,
      { eventId: 'billing-invoice-void', meta: { invoiceId: id } },
      async actor => {
        const reason = parseVoidInput(id, req.body);
        const time = now();
        const { before, after } = await invoices.void(id, reason, {
          actor,
          now: time,
          today: utcDate(time),
        });
        return {
          value: after,
          meta: {
            actor,
            invoiceId: id,
            accountId: after.accountId,
            before: auditedState(before),
            after: auditedState(after),
          },
        };
      },
    );
    res.json(voided);
  });

  return router;
}
