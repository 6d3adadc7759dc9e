import { LoggerService } from '@backstage/backend-plugin-api';
import { ConflictError, ServiceUnavailableError } from '@backstage/errors';
import { EmailSender } from '../../mail';
import { AccountStore, TenantStore } from '../../tenants';
import { Invoice, InvoiceStore } from '../invoices/InvoiceStore';
import { ContactStore, emailKey } from './ContactStore';
import { statementEmail, statementFileName } from './statementEmail';
import {
  renderStatementPdf,
  StatementContext,
  StatementSeller,
} from './statementPdf';

/**
 * A statement as a file and by mail (billing.md: "Each statement has a
 * PDF"; "Billing contacts … receive statements; with none, the account's
 * (or tenant's) admins do"). Tenants keep no admins of their own, so a
 * tenant's invoice goes to its account's contacts, else the account's
 * admins.
 */
export class StatementDelivery {
  constructor(
    private readonly deps: {
      invoices: InvoiceStore;
      contacts: ContactStore;
      accounts: AccountStore;
      tenants: TenantStore;
      seller: StatementSeller;
      /** Undefined when no mail transport is configured. */
      email?: EmailSender;
      logger: LoggerService;
      now: () => Date;
    },
  ) {}

  /** The PDF of an invoice and the name it is downloaded under. */
  async pdf(invoice: Invoice): Promise<{ fileName: string; content: Buffer }> {
    return {
      fileName: statementFileName(invoice),
      content: await renderStatementPdf(invoice, await this.contextOf(invoice)),
    };
  }

  /** Who a statement goes to: the contacts, else the admins, each once. */
  async recipientsOf(invoice: Invoice): Promise<string[]> {
    const contacts = await this.deps.contacts.list(invoice.accountId);
    const emails =
      contacts.length > 0
        ? contacts.map(contact => contact.email)
        : (await this.deps.accounts.get(invoice.accountId))?.adminEmails ?? [];
    const byKey = new Map<string, string>();
    for (const email of emails) {
      if (!byKey.has(emailKey(email))) {
        byKey.set(emailKey(email), email);
      }
    }
    return [...byKey.values()];
  }

  /**
   * Emails the statement with its PDF and records when; returns the
   * recipients. 409 when there is no transport or nobody to send to, 503
   * when the mail server refused it.
   */
  async send(invoice: Invoice): Promise<string[]> {
    const { email } = this.deps;
    if (!email) {
      throw new ConflictError(
        'Statements cannot be emailed: no mail transport is configured (notifications.processors.email)',
      );
    }
    const to = await this.recipientsOf(invoice);
    if (to.length === 0) {
      throw new ConflictError(
        `Statement ${invoice.number} has nobody to be sent to: account ${invoice.accountId} has no billing contact and no admin email`,
      );
    }
    const context = await this.contextOf(invoice);
    const pdf = await renderStatementPdf(invoice, context);
    try {
      await email.send(statementEmail({ to, invoice, context, pdf }));
    } catch (error) {
      throw new ServiceUnavailableError(
        `Statement ${invoice.number} could not be sent: ${
          (error as Error).message
        }`,
      );
    }
    await this.deps.invoices.markEmailed(invoice.id, this.deps.now());
    return to;
  }

  /**
   * Emails each statement not emailed yet, one after the other; a failure
   * is logged and the next goes on (the invoice run's emails never fail
   * the run). Logs name the statement, not its recipients.
   */
  async sendEach(invoices: Invoice[]): Promise<void> {
    // Without a transport nothing could be sent: no attempt, no warning
    // per statement (a seeded or a test run is not a delivery failure).
    if (!this.deps.email) {
      return;
    }
    for (const invoice of invoices) {
      if (invoice.emailedAt !== undefined) {
        continue;
      }
      try {
        await this.send(invoice);
      } catch (error) {
        // A mail server's refusal may quote an address: keep it out of logs.
        const reason = (error as Error).message.replace(
          /[^\s<>"'@]+@[^\s<>"']+/g,
          '<address>',
        );
        this.deps.logger.warn(
          `Statement ${invoice.number} (invoice ${invoice.id}, ${invoice.period}) was not emailed: ${reason}`,
        );
      }
    }
  }

  private async contextOf(invoice: Invoice): Promise<StatementContext> {
    const account = await this.deps.accounts.get(invoice.accountId);
    const tenant =
      invoice.tenantId === undefined
        ? undefined
        : await this.deps.tenants.get(invoice.tenantId);
    return {
      accountName: account?.name ?? invoice.accountId,
      currency: account?.currency ?? 'USD',
      ...(invoice.tenantId === undefined
        ? {}
        : { tenantName: tenant?.name ?? invoice.tenantId }),
      seller: this.deps.seller,
    };
  }
}
