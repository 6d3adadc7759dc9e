import PDFDocument from 'pdfkit';
import { Invoice } from '../invoices/InvoiceStore';

/** Who issues statements: the header of every PDF. */
export interface StatementSeller {
  name: string;
  /** Lines under the name (street, city, email…). */
  address: string[];
}

/** What a statement shows besides the invoice itself. */
export interface StatementContext {
  accountName: string;
  /** ISO 4217, the account's currency. */
  currency: string;
  /** The tenant's name, on a tenant's invoice. */
  tenantName?: string;
  seller: StatementSeller;
}

/**
 * The characters the PDF standard fonts can show (WinAnsiEncoding: Latin-1
 * and the Windows-1252 additions); anything else would come out as wrong
 * glyphs, so it is shown as `?` instead.
 */
const WIN_ANSI_EXTRAS = new Set('€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ');

/** Whether the standard fonts have a glyph for `char`. */
function isWinAnsi(char: string): boolean {
  const code = char.codePointAt(0)!;
  return (
    (code >= 0x20 && code <= 0x7e) ||
    (code >= 0xa0 && code <= 0xff) ||
    WIN_ANSI_EXTRAS.has(char)
  );
}

/**
 * `text` with every character the standard fonts lack replaced by `?`,
 * and line breaks by spaces (each value is one line of its field).
 */
export function pdfSafeText(text: string): string {
  let safe = '';
  for (const char of text.replace(/\r?\n/g, ' ')) {
    safe += isWinAnsi(char) ? char : '?';
  }
  return safe;
}

const STATUS_LABELS: Record<string, string> = {
  open: 'Open',
  paid: 'Paid',
  void: 'Void',
  overdue: 'Overdue',
};

const PAGE_MARGIN = 50;
const FONT = 'Helvetica';
const BOLD = 'Helvetica-Bold';

/** The columns of the lines table: x and width, amounts right-aligned. */
const COLUMNS = {
  description: { x: PAGE_MARGIN, width: 215 },
  quantity: { x: 270, width: 45 },
  unit: { x: 320, width: 70 },
  amount: { x: 395, width: 75 },
  credit: { x: 475, width: 70 },
};

/**
 * One invoice or consolidated statement as a PDF (billing.md: "Each
 * statement has a PDF"): the seller, the account, number, period, issue and
 * due dates, the lines with the credits applied to each, the totals down to
 * the balance due, the status and the note. The standard Helvetica fonts
 * need no font files. The creation date is the invoice's, so the same
 * invoice gives the same bytes every time.
 */
export function renderStatementPdf(
  invoice: Invoice,
  context: StatementContext,
): Promise<Buffer> {
  const doc = new PDFDocument({
    size: 'A4',
    margin: PAGE_MARGIN,
    info: {
      Title: `Statement ${invoice.number}`,
      Author: pdfSafeText(context.seller.name),
      Subject: `Period ${invoice.period}`,
      Creator: 'Enterprise Console',
      Producer: 'Enterprise Console',
      CreationDate: new Date(invoice.createdAt),
    },
  });
  const parts: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (chunk: Buffer) => parts.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(parts)));
    doc.on('error', reject);
  });
  const text = (value: string) => pdfSafeText(value);
  const money = (amount: string) => `${context.currency} ${amount}`;
  const right = doc.page.width - PAGE_MARGIN;
  const contentWidth = right - PAGE_MARGIN;

  // The seller on the left, the title on the right.
  doc
    .font(BOLD)
    .fontSize(16)
    .text(text(context.seller.name), PAGE_MARGIN, PAGE_MARGIN, {
      width: contentWidth / 2,
    });
  doc.font(FONT).fontSize(9);
  for (const line of context.seller.address) {
    doc.text(text(line), { width: contentWidth / 2 });
  }
  const afterSeller = doc.y;
  doc.font(BOLD).fontSize(20).text('Statement', PAGE_MARGIN, PAGE_MARGIN, {
    width: contentWidth,
    align: 'right',
  });
  doc.y = Math.max(afterSeller, doc.y) + 20;

  const facts: Array<[string, string]> = [
    ['Account', text(context.accountName)],
    ...(context.tenantName === undefined
      ? []
      : [['Tenant', text(context.tenantName)] as [string, string]]),
    ['Statement number', String(invoice.number)],
    [
      'Period',
      `${invoice.period} (${invoice.periodStart} to ${invoice.periodEnd})`,
    ],
    ['Issue date', invoice.createdAt.slice(0, 10)],
    ['Due date', invoice.dueDate ?? 'No payment due date'],
    ['Status', STATUS_LABELS[invoice.status] ?? text(invoice.status)],
  ];
  doc.fontSize(10);
  for (const [label, value] of facts) {
    const y = doc.y;
    doc.font(BOLD).text(label, PAGE_MARGIN, y, { width: 120 });
    doc.font(FONT).text(value, PAGE_MARGIN + 125, y, {
      width: contentWidth - 125,
    });
    doc.moveDown(0.2);
  }
  doc.moveDown(1);

  const row = (cells: Record<keyof typeof COLUMNS, string>, font: string) => {
    doc.font(font).fontSize(9);
    const height = Math.max(
      ...Object.entries(COLUMNS).map(([key, column]) =>
        doc.heightOfString(cells[key as keyof typeof COLUMNS], {
          width: column.width,
        }),
      ),
    );
    if (doc.y + height > doc.page.height - PAGE_MARGIN) {
      doc.addPage();
    }
    const y = doc.y;
    for (const [key, column] of Object.entries(COLUMNS)) {
      doc.text(cells[key as keyof typeof COLUMNS], column.x, y, {
        width: column.width,
        align: key === 'description' ? 'left' : 'right',
      });
    }
    doc.y = y + height + 4;
    doc.x = PAGE_MARGIN;
  };
  const rule = () => {
    doc.moveTo(PAGE_MARGIN, doc.y).lineTo(right, doc.y).lineWidth(0.5).stroke();
    doc.y += 4;
  };

  row(
    {
      description: 'Description',
      quantity: 'Quantity',
      unit: 'Unit price',
      amount: 'Amount',
      credit: 'Credit applied',
    },
    BOLD,
  );
  rule();
  for (const line of invoice.lines) {
    row(
      {
        description: text(line.description),
        quantity: line.quantity,
        unit: line.unitPrice,
        amount: line.amount,
        credit: line.creditApplied,
      },
      FONT,
    );
  }
  if (invoice.lines.length === 0) {
    row(
      {
        description: 'No charges',
        quantity: '',
        unit: '',
        amount: '',
        credit: '',
      },
      FONT,
    );
  }
  rule();
  doc.moveDown(0.5);

  const totals: Array<[string, string, string]> = [
    ['Subtotal', money(invoice.subtotal), FONT],
    ['Credits applied', money(invoice.creditApplied), FONT],
    ['Total', money(invoice.total), BOLD],
    ['Paid', money(invoice.paid), FONT],
    ['Balance due', money(invoice.balance), BOLD],
  ];
  doc.fontSize(10);
  for (const [label, value, font] of totals) {
    if (doc.y + 14 > doc.page.height - PAGE_MARGIN) {
      doc.addPage();
    }
    const y = doc.y;
    doc.font(font).text(label, COLUMNS.unit.x - 80, y, { width: 150 });
    doc.text(value, COLUMNS.amount.x, y, {
      width: right - COLUMNS.amount.x,
      align: 'right',
    });
    doc.moveDown(0.2);
  }

  if (invoice.note) {
    doc.moveDown(1);
    doc
      .font(FONT)
      .fontSize(9)
      .text(`Note: ${text(invoice.note)}`, PAGE_MARGIN, doc.y, {
        width: contentWidth,
      });
  }
  doc.end();
  return done;
}
