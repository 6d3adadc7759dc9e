import { BillingInvoice } from '@internal/plugin-enterprise-console-common';

export const INVOICE_STATUS_LABELS: Record<BillingInvoice['status'], string> = {
  open: 'Open',
  paid: 'Paid',
  void: 'Void',
  overdue: 'Overdue',
};

/** Whether an invoice still waits for money (open or overdue). */
export function isUnpaid(invoice: BillingInvoice): boolean {
  return invoice.status === 'open' || invoice.status === 'overdue';
}

/** "Statement 1012", the name people use for an invoice. */
export function statementTitle(invoice: Pick<BillingInvoice, 'number'>) {
  return `Statement ${invoice.number}`;
}

/** The tenant an invoice bills, or "Consolidated" for an account statement. */
export function invoiceTenantLabel(
  invoice: BillingInvoice,
  tenantName: (tenantId: string) => string,
): string {
  return invoice.tenantId ? tenantName(invoice.tenantId) : 'Consolidated';
}

/** The unpaid invoices, oldest period first: the order payments settle them. */
export function unpaidOldestFirst(
  invoices: BillingInvoice[],
): BillingInvoice[] {
  return invoices
    .filter(isUnpaid)
    .sort(
      (a, b) =>
        a.periodStart.localeCompare(b.periodStart) || a.number - b.number,
    );
}
