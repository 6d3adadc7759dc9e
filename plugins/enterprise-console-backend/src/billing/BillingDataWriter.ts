import { ConflictError, InputError, NotFoundError } from '@backstage/errors';
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
import { EnterpriseConsoleBillingWriter } from '@internal/plugin-enterprise-console-node';
import { Knex } from 'knex';
import { AccountStore, TenantStore } from '../tenants';
import { ApplicationStore } from './applications/ApplicationStore';
import { parseApplicationInput } from './applications/applicationInput';
import { addCredit } from './credits/addCredit';
import { CreditStore } from './credits/CreditStore';
import { requireAccount } from './existingAccount';
import { parseInvoiceRunInput } from './invoices/invoiceRunInput';
import { InvoiceStore } from './invoices/InvoiceStore';
import { InvoiceRunResult } from './invoices/runInvoices';
import { parseVoidInput } from './invoices/voidInput';
import { parsePaymentInput } from './payments/paymentInput';
import { PaymentStore } from './payments/PaymentStore';
import { recordPayment } from './payments/recordPayment';
import { PlanStore } from './plans/PlanStore';
import { parseContacts } from './statements/contactInput';
import { ContactStore } from './statements/ContactStore';
import { utcDate } from '../lib/utcDate';
import {
  parseChangeInput,
  parseSubscriptionInput,
} from './subscriptions/subscriptionInput';
import { SubscriptionStore } from './subscriptions/SubscriptionStore';

/** Who the audit trail and the rows name for a seeder's writes. */
const SEEDER = 'enterprise-console:seeder';

/**
 * Billing writes of seeders and other trusted modules, validated as the
 * HTTP API validates them and made by the same stores, so seeded
 * subscriptions obey billing.md's rules exactly (a downgrade within the
 * 30-day minimum is scheduled here as it would be there), and the ledger
 * writes (runs, credits, payments, voids, contacts) by the functions the
 * routes call.
 */
export class BillingDataWriter implements EnterpriseConsoleBillingWriter {
  constructor(
    private readonly deps: {
      subscriptions: SubscriptionStore;
      applications: ApplicationStore;
      plans: PlanStore;
      tenants: TenantStore;
      accounts: AccountStore;
      db: Knex;
      invoices: InvoiceStore;
      credits: CreditStore;
      payments: PaymentStore;
      contacts: ContactStore;
      /** The area's invoice run, statement emails included. */
      run: (period: string) => Promise<InvoiceRunResult>;
      /** Resolves once the plan catalogue is in the database. */
      catalogueReady: () => Promise<void>;
      now: () => Date;
    },
  ) {}

  async subscribe(
    input: BillingSubscriptionInput,
  ): Promise<BillingSubscription> {
    const subscription = parseSubscriptionInput(input);
    await this.deps.catalogueReady();
    const now = this.deps.now();
    const { created } = await this.deps.subscriptions.create(subscription, {
      actor: SEEDER,
      now,
      today: utcDate(now),
    });
    return created;
  }

  async changePlan(change: {
    tenantId: string;
    planId: string;
    date?: string;
  }): Promise<void> {
    const { tenantId, ...body } = change;
    const { planId, date } = parseChangeInput(body);
    await this.deps.catalogueReady();
    const now = this.deps.now();
    const today = utcDate(now);
    const requestedOn = date ?? today;
    const running = (
      await this.deps.subscriptions.list({ tenantId }, today)
    ).find(
      s =>
        s.startDate <= requestedOn &&
        (s.endDate === undefined || requestedOn < s.endDate),
    );
    if (!running) {
      throw new ConflictError(
        `Tenant ${tenantId} has no subscription running on ${requestedOn}`,
      );
    }
    await this.deps.subscriptions.change(
      running.id,
      { planId, requestedOn },
      { actor: SEEDER, now, today },
    );
  }

  /**
   * Records a pending application as `POST /v1/billing/applications` does.
   * Reviewers are not notified: a seeded application is not news.
   */
  async apply(
    input: BillingApplicationInput,
    applicant: string,
  ): Promise<BillingApplication> {
    const application = parseApplicationInput(input);
    await this.deps.catalogueReady();
    const tenant = await this.deps.tenants.get(application.tenantId);
    if (!tenant) {
      throw new NotFoundError(`Tenant ${application.tenantId} not found`);
    }
    const plan = await this.deps.plans.get(application.planId);
    if (!plan) {
      throw new NotFoundError(`Plan ${application.planId} not found`);
    }
    if (plan.visibility === 'archived') {
      throw new InputError(
        `Invalid application: planId ${plan.id} is archived`,
      );
    }
    return this.deps.applications.create(
      { ...application, accountId: tenant.accountId },
      { applicant, now: this.deps.now() },
    );
  }

  async runInvoices(period: string): Promise<BillingInvoiceRun> {
    const input = parseInvoiceRunInput({ period }, utcDate(this.deps.now()));
    await this.deps.catalogueReady();
    return this.deps.run(input.period);
  }

  async invoices(accountId: string): Promise<BillingInvoice[]> {
    await requireAccount(this.deps.accounts, accountId);
    return this.deps.invoices.list({ accountId }, utcDate(this.deps.now()));
  }

  async addCredit(input: BillingCreditInput): Promise<BillingCreditLine> {
    return addCredit(this.deps, input, {
      actor: SEEDER,
      now: this.deps.now(),
    });
  }

  async recordPayment(input: BillingPaymentInput): Promise<BillingPayment> {
    const now = this.deps.now();
    const payment = parsePaymentInput(input, utcDate(now));
    await requireAccount(this.deps.accounts, payment.accountId);
    return recordPayment(this.deps, payment, { actor: SEEDER, now });
  }

  async voidInvoice(
    invoiceId: string,
    reason: string,
  ): Promise<BillingInvoice> {
    const now = this.deps.now();
    const { after } = await this.deps.invoices.void(
      invoiceId,
      parseVoidInput(invoiceId, { reason }),
      { actor: SEEDER, now, today: utcDate(now) },
    );
    return after;
  }

  async setContacts(
    accountId: string,
    items: BillingContact[],
  ): Promise<BillingContact[]> {
    await requireAccount(this.deps.accounts, accountId);
    const { after } = await this.deps.contacts.replace(
      accountId,
      parseContacts({ items }),
    );
    return after;
  }
}
