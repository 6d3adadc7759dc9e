import { escapeHtml } from '@internal/plugin-enterprise-console-node';
import { OutgoingMail } from '../../mail';
import { Invoice } from '../invoices/InvoiceStore';
import { StatementContext } from './statementPdf';

/** The file name a statement's PDF is sent and downloaded under. */
export const statementFileName = (invoice: Pick<Invoice, 'number'>) =>
  `statement-${invoice.number}.pdf`;

/**
 * The mail of one statement to its recipients: number and period in the
 * subject, the account, the totals down to the balance due and the due
 * date in the body, the PDF attached. Every value is escaped in the HTML
 * part: account, tenant and seller names come from ingested data and
 * config.
 */
export function statementEmail(options: {
  to: string[];
  invoice: Invoice;
  context: StatementContext;
  pdf: Buffer;
}): OutgoingMail {
  const { invoice, context } = options;
  const h = escapeHtml;
  const money = (amount: string) => `${context.currency} ${amount}`;
  const of = context.tenantName
    ? `${context.accountName} (${context.tenantName})`
    : context.accountName;
  const due = invoice.dueDate
    ? `Due date: ${invoice.dueDate}`
    : 'No payment due date';
  const figures: Array<[string, string]> = [
    ['Total', money(invoice.total)],
    ['Paid', money(invoice.paid)],
    ['Balance due', money(invoice.balance)],
  ];
  return {
    to: options.to,
    subject: `Statement ${invoice.number} for ${invoice.period} — ${context.accountName}`,
    text: [
      `Statement ${invoice.number} of ${context.seller.name} for ${of}, period ${invoice.period} (${invoice.periodStart} to ${invoice.periodEnd}).`,
      '',
      ...figures.map(([label, value]) => `${label}: ${value}`),
      due,
      '',
      `The statement is attached as ${statementFileName(invoice)}.`,
    ].join('\n'),
    html: [
      `<p>Statement <strong>${h(String(invoice.number))}</strong> of ${h(
        context.seller.name,
      )} for <strong>${h(of)}</strong>, period ${h(invoice.period)} (${h(
        invoice.periodStart,
      )} to ${h(invoice.periodEnd)}).</p>`,
      `<table>${figures
        .map(
          ([label, value]) =>
            `<tr><td>${h(label)}</td><td align="right">${h(value)}</td></tr>`,
        )
        .join('')}</table>`,
      `<p>${h(due)}</p>`,
      `<p>The statement is attached as ${h(statementFileName(invoice))}.</p>`,
    ].join('\n'),
    attachments: [
      {
        filename: statementFileName(invoice),
        contentType: 'application/pdf',
        content: options.pdf,
      },
    ],
  };
}
