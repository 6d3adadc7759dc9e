import {
  BackstageCredentials,
  LoggerService,
} from '@backstage/backend-plugin-api';
import { NotFoundError } from '@backstage/errors';
import {
  BillingPlan,
  BillingPlanInput,
  enterpriseConsoleBillingManagePermission,
} from '@internal/plugin-enterprise-console-common';
import { createHash } from 'node:crypto';
import { Authorizer } from '../../permissions/authorize';
import { CataloguePlan } from './defaultPlanCatalogue';
import { PlanStore, PlanWrite } from './PlanStore';

/** Who wrote the plans config upserts at start. */
const CONFIG_ACTOR = 'config:enterpriseConsole.billing.plans';

const ALL: ReadonlyArray<BillingPlan['visibility']> = [
  'public',
  'internal',
  'archived',
];
const PUBLIC_ONLY: ReadonlyArray<BillingPlan['visibility']> = ['public'];

/**
 * The plan catalogue: config's plans upserted at start, reads that show
 * internal and archived plans to billing managers only, and changes by
 * billing managers.
 */
export class PlanCatalogue {
  constructor(
    private readonly options: {
      store: PlanStore;
      authorizer: Authorizer;
      logger: LoggerService;
    },
  ) {}

  /**
   * Upserts config's catalogue. An entry whose config is unchanged since it
   * was last applied is left alone, so edits made through the API stand
   * until the config entry itself changes.
   */
  async applyConfig(plans: CataloguePlan[]): Promise<void> {
    for (const { id, ...input } of plans) {
      const configDigest = createHash('sha256')
        .update(JSON.stringify(input))
        .digest('hex');
      const { outcome, after } = await this.options.store.write(id, input, {
        actor: CONFIG_ACTOR,
        configDigest,
      });
      if (outcome !== 'unchanged') {
        this.options.logger.info(
          `Billing plan ${id} ${outcome} from config (version ${after.version})`,
        );
      }
    }
  }

  /** What the caller may see: everything for billing managers, else public plans. */
  private async visibilities(credentials: BackstageCredentials) {
    return (await this.options.authorizer.isAllowed(
      credentials,
      enterpriseConsoleBillingManagePermission,
    ))
      ? ALL
      : PUBLIC_ONLY;
  }

  async list(credentials: BackstageCredentials): Promise<BillingPlan[]> {
    return this.options.store.listCurrent({
      visibilities: await this.visibilities(credentials),
    });
  }

  /** A plan (a version of it); a hidden plan is missing to those who may not see it. */
  async get(
    credentials: BackstageCredentials,
    planId: string,
    version?: number,
  ): Promise<BillingPlan> {
    const plan = await this.options.store.get(planId, version);
    const visible = await this.visibilities(credentials);
    if (!plan || !visible.includes(plan.visibility)) {
      throw new NotFoundError(
        version === undefined
          ? `Plan ${planId} not found`
          : `Plan ${planId} has no version ${version}`,
      );
    }
    return plan;
  }

  /** Creates or changes a plan; billing.manage is checked by the caller. */
  async write(
    planId: string,
    input: BillingPlanInput,
    actor: string,
  ): Promise<PlanWrite> {
    return this.options.store.write(planId, input, { actor });
  }
}
