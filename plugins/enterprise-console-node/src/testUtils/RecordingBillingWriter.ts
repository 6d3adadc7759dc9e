import {
  BillingApplication,
  BillingApplicationInput,
  BillingSubscription,
  BillingSubscriptionInput,
} from '@internal/plugin-enterprise-console-common';
import { EnterpriseConsoleBillingWriter, TenantInput } from '../dataWriter';

/**
 * The billing part of {@link RecordingDataWriter}: it keeps each write in
 * order and answers with what the API would, without the plan rules.
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
}
