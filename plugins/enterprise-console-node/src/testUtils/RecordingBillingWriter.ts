import {
  BillingApplication,
  BillingApplicationInput,
  BillingContact,
  BillingCreditInput,
  BillingCreditLine,
  BillingInvoice,
  BillingInvoiceRun,
  BillingPayment,
  BillingPaymentInput,
  BillingSubscription,
  BillingSubscriptionInput,
} from '@internal/plugin-enterprise-console-common';
import { EnterpriseConsoleBillingWriter, TenantInput } from '../dataWriter';

/**
 * The billing part of {@link RecordingDataWriter}: it keeps each write in
 * order and answers with what the API would, without the plan rules.
 * It makes no invoices: a test puts those `invoices()` answers in
 * `invoicesByAccount`.
 *
 * @public
 */
export class RecordingBillingWriter implements EnterpriseConsoleBillingWriter {
  readonly subscriptions: BillingSubscriptionInput[] = [];
  readonly changes: Array<{ tenantId: string; planId: string; date?: string }> =
    [];
  readonly applications: Array<{
    application: BillingApplicationInput;
    applicant: string;
  }> = [];

  readonly runs: string[] = [];
  readonly credits: BillingCreditInput[] = [];
  readonly payments: BillingPaymentInput[] = [];
  readonly voids: Array<{ invoiceId: string; reason: string }> = [];
  readonly contacts = new Map<string, BillingContact[]>();
  readonly invoicesByAccount = new Map<string, BillingInvoice[]>();

  constructor(private readonly tenants: ReadonlyMap<string, TenantInput>) {}

  private tenant(tenantId: string): TenantInput {
    const tenant = this.tenants.get(tenantId);
    if (!tenant) {
      throw new Error(`Billing write for unknown tenant ${tenantId}`);
    }
    return tenant;
  }

  async subscribe(
    subscription: BillingSubscriptionInput,
  ): Promise<BillingSubscription> {
    const tenant = this.tenant(subscription.tenantId);
    this.subscriptions.push(subscription);
    return {
      id: `subscription-${this.subscriptions.length}`,
      tenantId: tenant.id,
      accountId: tenant.accountId,
      planId: subscription.planId,
      planVersion: 1,
      cycle: subscription.cycle,
      startDate: subscription.startDate,
      ...(subscription.endDate ? { endDate: subscription.endDate } : {}),
      proBono: subscription.proBono ?? 'full-price',
      serviceType: subscription.serviceType ?? 'product',
      doNotInvoice: subscription.doNotInvoice ?? false,
      autoRenew: subscription.autoRenew ?? false,
      status: 'active',
    };
  }

  async changePlan(change: {
    tenantId: string;
    planId: string;
    date?: string;
  }): Promise<void> {
    this.tenant(change.tenantId);
    this.changes.push(change);
  }

  async apply(
    application: BillingApplicationInput,
    applicant: string,
  ): Promise<BillingApplication> {
    const tenant = this.tenant(application.tenantId);
    this.applications.push({ application, applicant });
    return {
      id: `application-${this.applications.length}`,
      tenantId: tenant.id,
      accountId: tenant.accountId,
      kind: application.kind,
      planId:
        application.planId ??
        (application.kind === 'pro-bono' ? 'standard' : 'community'),
      status: 'pending',
      applicant,
      createdAt: new Date(0).toISOString(),
    };
  }

  async runInvoices(period: string): Promise<BillingInvoiceRun> {
    this.runs.push(period);
    return { created: 0, existing: 0, failed: 0 };
  }

  async invoices(accountId: string): Promise<BillingInvoice[]> {
    return this.invoicesByAccount.get(accountId) ?? [];
  }

  async addCredit(input: BillingCreditInput): Promise<BillingCreditLine> {
    this.credits.push(input);
    return {
      id: `credit-line-${this.credits.length}`,
      accountId: input.accountId,
      ...(input.subscriptionId ? { subscriptionId: input.subscriptionId } : {}),
      scope: input.scope,
      balance: input.amount,
      entries: [],
    };
  }

  async recordPayment(input: BillingPaymentInput): Promise<BillingPayment> {
    this.payments.push(input);
    return {
      id: `payment-${this.payments.length}`,
      accountId: input.accountId,
      ...(input.invoiceId ? { invoiceId: input.invoiceId } : {}),
      method: input.method,
      amount: input.amount,
      reference: input.reference,
      receivedAt: input.receivedAt,
      payer: 'enterprise-console:seeder',
      applied: [],
      createdAt: new Date(0).toISOString(),
    };
  }

  async voidInvoice(
    invoiceId: string,
    reason: string,
  ): Promise<BillingInvoice> {
    const invoice = [...this.invoicesByAccount.values()]
      .flat()
      .find(candidate => candidate.id === invoiceId);
    if (!invoice) {
      throw new Error(`Void of unknown invoice ${invoiceId}`);
    }
    this.voids.push({ invoiceId, reason });
    return { ...invoice, status: 'void', voidReason: reason };
  }

  async setContacts(
    accountId: string,
    items: BillingContact[],
  ): Promise<BillingContact[]> {
    this.contacts.set(accountId, items);
    return items;
  }
}
