import { Config } from '@backstage/config';
import { isValidSlug } from '@internal/plugin-enterprise-console-common';
import { describeIssues } from '../../lib/validation';
import { CataloguePlan, DEFAULT_PLAN_CATALOGUE } from './defaultPlanCatalogue';
import { planInputSchema } from './planInput';

const KEY = 'enterpriseConsole.billing.plans';

/** Config leaves out what the API writes as null: unlimited, or by contract. */
const NULL_WHEN_ABSENT = [
  'monthlyFee',
  'includedUsers',
  'extraUserFee',
  'includedSms',
] as const;

/**
 * Reads `enterpriseConsole.billing.plans` (see config.d.ts): the catalogue
 * upserted at start, or billing.md's default catalogue without the key. A
 * mistake fails startup naming the entry and field.
 */
export function readPlanCatalogueConfig(config: Config): CataloguePlan[] {
  const entries = config.getOptionalConfigArray(KEY);
  if (!entries) {
    return DEFAULT_PLAN_CATALOGUE.map(plan => ({ ...plan }));
  }
  const ids = new Set<string>();
  return entries.map((entry, index) => {
    const at = `${KEY}[${index}]`;
    const { id, ...fields } = entry.get<Record<string, unknown>>();
    if (typeof id !== 'string' || !isValidSlug(id)) {
      throw new Error(
        `Invalid config ${at}.id: must be lowercase letters, digits and inner hyphens`,
      );
    }
    if (ids.has(id)) {
      throw new Error(`Invalid config ${at}.id: plan ${id} is listed twice`);
    }
    ids.add(id);
    const withNulls: Record<string, unknown> = {
      features: [],
      supportLevel: '',
      baa: false,
      visibility: 'public',
      ...fields,
    };
    for (const field of NULL_WHEN_ABSENT) {
      withNulls[field] ??= null;
    }
    const parsed = planInputSchema.safeParse(withNulls);
    if (!parsed.success) {
      throw new Error(
        `Invalid config ${at}: ${describeIssues(parsed.error, 'plan').join(
          '; ',
        )}`,
      );
    }
    return { id, ...parsed.data };
  });
}
