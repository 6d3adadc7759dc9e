import { BillingPayment } from '@internal/plugin-enterprise-console-common';
import { isZeroMoney } from '../../../lib/moneyInput';
import { formatMoney } from '../../../lib/numbers';

export const PAYMENT_METHOD_LABELS: Record<BillingPayment['method'], string> = {
  card: 'Card',
  eft: 'EFT',
  check: 'Check',
};

/** "statement 1001 ($1,200.00), statement 1003 ($72.38)", or nothing. */
export function appliedLabel(payment: BillingPayment): string {
  return payment.applied
    .map(
      application =>
        `statement ${
          application.number ?? application.invoiceId
        } (${formatMoney(application.amount)})`,
    )
    .join(', ');
}

/** How a recorded payment was applied, in a sentence. */
export function describePayment(payment: BillingPayment): string {
  const parts = [`Payment of ${formatMoney(payment.amount)} recorded`];
  const applied = appliedLabel(payment);
  parts.push(
    applied ? `: applied to ${applied}` : ': no open statement to settle',
  );
  const credit =
    payment.creditCreated && !isZeroMoney(payment.creditCreated)
      ? `; ${formatMoney(payment.creditCreated)} became general account credit`
      : '';
  return `${parts.join('')}${credit}.`;
}
