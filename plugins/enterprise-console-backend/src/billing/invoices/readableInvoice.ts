import { NotFoundError } from '@backstage/errors';
import { Request } from 'express';
import { isUuid } from '../../lib/validation';
import { Authorizer } from '../../permissions/authorize';
import { AccountStore } from '../../tenants';
import { billingReadDecision } from '../billingReadAccess';
import { Invoice, InvoiceStore } from './InvoiceStore';

/**
 * The invoice `id` for a caller holding billing.read on its account (403
 * when denied outright); one of an account the caller may not read is
 * answered like a missing one (404).
 */
export async function readableInvoice(
  req: Request,
  id: string,
  options: {
    authorizer: Authorizer;
    invoices: InvoiceStore;
    accounts: AccountStore;
    /** The day (UTC) the status is told for: overdue after the due date. */
    today: string;
  },
): Promise<Invoice> {
  const decision = await billingReadDecision(req, options.authorizer);
  const invoice = isUuid(id) ? await options.invoices.get(id, options.today) : undefined;
  if (
    !invoice ||
    !(await options.accounts.get(invoice.accountId, decision.filter))
  ) {
    throw new NotFoundError(`Invoice ${id} not found`);
  }
  return invoice;
}
