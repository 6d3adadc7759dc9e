import {
  LoggerService,
  RootConfigService,
} from '@backstage/backend-plugin-api';
import { NotificationService } from '@backstage/plugin-notifications-node';
import { BillingApplication } from '@internal/plugin-enterprise-console-common';
import { entityRef } from '../../lib/validation';

/** The topic of every notification about applications. */
export const APPLICATIONS_TOPIC = 'billing-applications';

/** Where notices link to: the console's billing tab (a path of the portal). */
export const BILLING_TAB_LINK = '/enterprise-console/billing';

const REVIEWERS_KEY = 'enterpriseConsole.billing.applicationReviewers';

/**
 * Who reviews applications: `enterpriseConsole.billing.applicationReviewers`
 * (user or group entity refs), or, without it, the members of the roles of
 * `enterpriseConsole.roles` that hold billing.manage (the shipped
 * billing-admin role holds it unless its permissions are overridden). A
 * broadcast would tell every portal user about a tenant's application, so
 * there is none; with no reviewer at all startup logs a warning and new
 * applications wait in the list.
 */
export function readApplicationReviewers(config: RootConfigService): string[] {
  const configured = config.getOptionalStringArray(REVIEWERS_KEY);
  if (configured !== undefined) {
    return configured.map((ref, index) => {
      const parsed = entityRef.safeParse(ref);
      if (!parsed.success || !/^(user|group):/i.test(ref)) {
        throw new Error(
          `Invalid ${REVIEWERS_KEY}[${index}]: '${ref}' is not a user or group entity ref such as group:default/billing`,
        );
      }
      return ref.toLowerCase();
    });
  }
  const reviewers = new Set<string>();
  for (const role of config.getOptionalConfigArray('enterpriseConsole.roles') ??
    []) {
    const permissions =
      role.getOptionalStringArray('permissions') ??
      (role.getString('name') === 'billing-admin' ? ['billing.manage'] : []);
    if (permissions.includes('billing.manage')) {
      for (const member of role.getOptionalStringArray('members') ?? []) {
        reviewers.add(member.toLowerCase());
      }
    }
  }
  return [...reviewers].sort();
}

/**
 * The notifications of applications (plain text: Backstage shows and mails
 * them as such). They carry what the application says and the decision,
 * never credentials. Sending happens after the change is committed and
 * cannot undo it: a failed send is logged, and the application stays as
 * decided, visible in the list.
 */
export class ApplicationNotices {
  constructor(
    private readonly options: {
      notifications: NotificationService;
      logger: LoggerService;
      reviewers: string[];
    },
  ) {
    if (options.reviewers.length === 0) {
      options.logger.warn(
        `Billing applications notify nobody: set ${REVIEWERS_KEY}, or give the billing-admin role members in enterpriseConsole.roles`,
      );
    }
  }

  /** Tells the reviewers of a new application. */
  async applied(
    application: BillingApplication,
    names: { tenant: string; plan: string },
  ): Promise<void> {
    if (this.options.reviewers.length === 0) {
      return;
    }
    const details =
      application.kind === 'pro-bono'
        ? ` Organisation: ${application.organisation}. Expected users: ${application.expectedUsers}. Pilot: ${application.pilotMonths} months.`
        : '';
    await this.send(application, this.options.reviewers, {
      title: `New ${application.kind} plan application: ${names.tenant}`,
      description: `${application.applicant} applied for the ${names.plan} plan (${application.kind}) for the tenant ${names.tenant} (${application.tenantId}) of the account ${application.accountId}.${details} Review it in the console's billing tab.`,
    });
  }

  /** Tells the applicant of an approval and the subscription it made. */
  async approved(
    application: BillingApplication,
    names: { tenant: string; plan: string },
    subscription: { startDate: string; endDate?: string },
  ): Promise<void> {
    const until =
      subscription.endDate === undefined
        ? ', open-ended'
        : ` until ${subscription.endDate} (exclusive)`;
    await this.send(application, [application.applicant], {
      title: `Your ${application.kind} plan application for ${names.tenant} was approved`,
      description: `The tenant ${names.tenant} (${application.tenantId}) is subscribed to the ${names.plan} plan at pro-bono from ${subscription.startDate}${until}.`,
    });
  }

  /** Tells the applicant of a rejection and its reason. */
  async rejected(
    application: BillingApplication,
    names: { tenant: string },
  ): Promise<void> {
    await this.send(application, [application.applicant], {
      title: `Your ${application.kind} plan application for ${names.tenant} was rejected`,
      description: `Reason: ${application.rejectionReason}`,
    });
  }

  private async send(
    application: BillingApplication,
    entityRefs: string[],
    payload: { title: string; description: string },
  ): Promise<void> {
    // Only users and groups get notifications; an application made by a
    // service has nobody to tell.
    const recipients = entityRefs.filter(ref => /^(user|group):/i.test(ref));
    if (recipients.length === 0) {
      return;
    }
    try {
      await this.options.notifications.send({
        recipients: { type: 'entity', entityRef: recipients },
        payload: {
          ...payload,
          link: BILLING_TAB_LINK,
          severity: 'normal',
          topic: APPLICATIONS_TOPIC,
          scope: `billing-application:${application.id}`,
        },
      });
    } catch (error) {
      this.options.logger.warn(
        `Could not notify ${recipients.join(', ')} about billing application ${
          application.id
        }: ${(error as Error).message}`,
      );
    }
  }
}
