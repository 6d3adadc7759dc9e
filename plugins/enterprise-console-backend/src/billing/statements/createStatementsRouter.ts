import { AuditorService, HttpAuthService } from '@backstage/backend-plugin-api';
import { NotFoundError } from '@backstage/errors';
import Router from 'express-promise-router';
import { attachmentDisposition } from '../../files';
import { audited } from '../../lib/audited';
import { describeActor } from '../../lib/describeActor';
import { isUuid } from '../../lib/validation';
import { utcDate } from '../../lib/utcDate';
import { Authorizer } from '../../permissions/authorize';
import { AccountStore } from '../../tenants';
import { InvoiceStore } from '../invoices/InvoiceStore';
import { readableInvoice } from '../invoices/readableInvoice';
import { auditedBillingWrite } from '../auditedBillingWrite';
import { StatementDelivery } from './StatementDelivery';

/**
 * `/v1/billing/invoices/{id}/pdf` and `…/email` (api.md, "Billing"): the
 * statement's PDF for billing.read on its account (one of an account the
 * caller may not read is a 404, as for the invoice itself), audited as a
 * download (`billing-statement-download`) like report files are; the
 * email to its recipients by billing managers, audited
 * (`billing-invoice-email`).
 */
export function createStatementsRouter(options: {
  httpAuth: HttpAuthService;
  auditor: AuditorService;
  authorizer: Authorizer;
  invoices: InvoiceStore;
  accounts: AccountStore;
  statements: StatementDelivery;
  now: () => Date;
}) {
  const { httpAuth, auditor, invoices, statements, now } = options;
  const router = Router();

  router.get('/v1/billing/invoices/:id/pdf', async (req, res) => {
    const invoice = await readableInvoice(req, req.params.id, {
      ...options,
      today: utcDate(now()),
    });
    const credentials = await httpAuth.credentials(req);
    const meta = {
      actor: describeActor(credentials),
      invoiceId: invoice.id,
      accountId: invoice.accountId,
      number: invoice.number,
    };
    const pdf = await audited(
      auditor,
      {
        eventId: 'billing-statement-download',
        severityLevel: 'medium',
        request: req,
        meta,
      },
      async () => {
        const value = await statements.pdf(invoice);
        return { value, meta: { ...meta, byteSize: value.content.length } };
      },
    );
    res
      .status(200)
      .set({
        'Content-Type': 'application/pdf',
        'Content-Disposition': attachmentDisposition(pdf.fileName),
        'Cache-Control': 'private, no-store',
      })
      .send(pdf.content);
  });

  router.post('/v1/billing/invoices/:id/email', async (req, res) => {
    const { id } = req.params;
    const value = await auditedBillingWrite(
      req,
      options,
      {
        eventId: 'billing-invoice-email',
        severityLevel: 'medium',
        meta: { invoiceId: id },
      },
      async actor => {
        const invoice = isUuid(id)
          ? await invoices.get(id, utcDate(now()))
          : undefined;
        if (!invoice) {
          throw new NotFoundError(`Invoice ${id} not found`);
        }
        const sentTo = await statements.send(invoice);
        return {
          value: { sentTo },
          meta: {
            actor,
            invoiceId: id,
            accountId: invoice.accountId,
            number: invoice.number,
            sentTo,
          },
        };
      },
    );
    res.json(value);
  });

  return router;
}
