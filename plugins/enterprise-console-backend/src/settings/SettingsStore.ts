import { isDatabaseConflictError } from '@backstage/backend-plugin-api';
import { ConflictError } from '@backstage/errors';
import {
  DEFAULT_ENTERPRISE_SETTINGS,
  EnterpriseSettings,
  EnterpriseSettingsResponse,
  ExportDefaults,
  SsoSettings,
} from '@internal/plugin-enterprise-console-common';
import { Knex } from 'knex';
import { readBoolean, readTimestamp } from '../database/columns';
import { TimeColumn } from '../database/timeColumn';

interface SettingsRow {
  account_id: string;
  restrict_tenant_creation: boolean | number;
  restrict_signups: boolean | number;
  restrict_signup_domains: string;
  restrict_signup_message: string;
  export_defaults: string;
  sso: string;
  updated_at: TimeColumn;
  updated_by: string;
}

/** A fresh copy of the defaults, safe to hand out and mutate. */
export function defaultSettings(): EnterpriseSettings {
  return JSON.parse(JSON.stringify(DEFAULT_ENTERPRISE_SETTINGS));
}

function parseJson<T>(value: string, fallback: T): T {
  try {
    return JSON.parse(value) as T;
  } catch {
    return fallback;
  }
}

function toSettings(row: SettingsRow): EnterpriseSettings {
  const defaults = defaultSettings();
  const sso = parseJson<Partial<SsoSettings>>(row.sso, {});
  return {
    restrictTenantCreation: readBoolean(row.restrict_tenant_creation),
    restrictSignups: readBoolean(row.restrict_signups),
    restrictSignupDomains: parseJson<string[]>(row.restrict_signup_domains, []),
    restrictSignupMessage: row.restrict_signup_message,
    // Merged over the defaults, so that a choice added later reads back with
    // its default from rows saved before it existed.
    exportDefaults: {
      ...defaults.exportDefaults,
      ...parseJson<Partial<ExportDefaults>>(row.export_defaults, {}),
    },
    sso: { providers: sso.providers ?? [] },
  };
}

/** A sign-up restriction that applies to a domain. */
export interface SignupRestriction {
  accountId: string;
  message: string;
}

/** An SSO binding that applies to a domain. */
export interface SsoRequirement {
  accountId: string;
  providerId: string;
  /** The pattern that matched, e.g. `*.example.com`. */
  domain: string;
}

/** Settings as stored, without the approval state of their domains. */
export type StoredSettings = Omit<EnterpriseSettingsResponse, 'domainBindings'>;

/** The stored form of an account that never saved settings. */
export function unsavedSettings(accountId: string): StoredSettings {
  return {
    accountId,
    ...defaultSettings(),
    updatedAt: null,
    updatedBy: null,
  };
}

/**
 * Enterprise settings of accounts. The sign-up domains are also written to
 * their own table, and the approved SSO domains to theirs, for the sign-up
 * check. An SSO domain occupies its key in account_sso_domains only once
 * approved, so that a request alone cannot keep the domain's owner out.
 */
export class SettingsStore {
  constructor(
    private readonly db: Knex,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** The saved settings of an account, or undefined if it never saved any. */
  async get(
    accountId: string,
    tx: Knex | Knex.Transaction = this.db,
  ): Promise<StoredSettings | undefined> {
    const row = await tx<SettingsRow>('account_settings')
      .where({ account_id: accountId })
      .first();
    if (!row) {
      return undefined;
    }
    return {
      accountId,
      ...toSettings(row),
      updatedAt: readTimestamp(row.updated_at),
      updatedBy: row.updated_by,
    };
  }

  /**
   * Replaces an account's settings and its sign-up domains. The SSO
   * domains follow with `replaceSsoDomains` once their approval is known.
   */
  async put(
    tx: Knex.Transaction,
    accountId: string,
    settings: EnterpriseSettings,
    updatedBy: string,
  ): Promise<void> {
    const values = {
      restrict_tenant_creation: settings.restrictTenantCreation,
      restrict_signups: settings.restrictSignups,
      restrict_signup_domains: JSON.stringify(settings.restrictSignupDomains),
      restrict_signup_message: settings.restrictSignupMessage,
      export_defaults: JSON.stringify(settings.exportDefaults),
      sso: JSON.stringify(settings.sso),
      updated_at: this.now(),
      updated_by: updatedBy,
    };
    await tx('account_settings')
      .insert({ account_id: accountId, ...values })
      .onConflict('account_id')
      .merge(values);

    await tx('account_signup_domains')
      .where({ account_id: accountId })
      .delete();
    if (settings.restrictSignupDomains.length) {
      await tx.batchInsert(
        'account_signup_domains',
        settings.restrictSignupDomains.map(domain => ({
          domain,
          account_id: accountId,
        })),
        100,
      );
    }
  }

  /**
   * Makes the account's rows in account_sso_domains its SSO domains that are
   * approved: a domain no longer bound or not approved frees its key.
   * Throws ConflictError when another account holds one of them.
   */
  async replaceSsoDomains(
    tx: Knex.Transaction,
    accountId: string,
    sso: SsoSettings,
    approved: ReadonlySet<string>,
  ): Promise<void> {
    await this.refuseHeldDomains(
      tx,
      accountId,
      sso.providers.flatMap(binding => binding.domains),
    );
    await tx('account_sso_domains').where({ account_id: accountId }).delete();
    await this.occupy(
      tx,
      accountId,
      sso.providers.flatMap(binding =>
        binding.domains
          .filter(domain => approved.has(domain))
          .map(domain => ({ domain, providerId: binding.providerId })),
      ),
    );
  }

  /**
   * Puts a domain just approved for the account into account_sso_domains
   * if its settings bind it to an SSO provider. Throws ConflictError when
   * another account holds it.
   */
  async occupySsoDomain(
    tx: Knex.Transaction,
    accountId: string,
    domain: string,
  ): Promise<void> {
    const settings = await this.get(accountId, tx);
    const binding = settings?.sso.providers.find(provider =>
      provider.domains.includes(domain),
    );
    if (binding) {
      await this.refuseHeldDomains(tx, accountId, [domain]);
      await this.occupy(tx, accountId, [
        { domain, providerId: binding.providerId },
      ]);
    }
  }

  /** Frees the key of a domain the account's SSO no longer holds. */
  async releaseSsoDomain(
    tx: Knex.Transaction,
    accountId: string,
    domain: string,
  ): Promise<void> {
    await tx('account_sso_domains')
      .where({ account_id: accountId, domain })
      .delete();
  }

  /**
   * Inserts the SSO domains. The key on domain settles two writers at once
   * that both found a domain free: the insert runs in a savepoint so that
   * the loser can still read and name the winner.
   */
  private async occupy(
    tx: Knex.Transaction,
    accountId: string,
    wanted: Array<{ domain: string; providerId: string }>,
  ): Promise<void> {
    if (!wanted.length) {
      return;
    }
    try {
      await tx.transaction(async savepoint => {
        await savepoint.batchInsert(
          'account_sso_domains',
          wanted.map(entry => ({
            domain: entry.domain,
            account_id: accountId,
            provider_id: entry.providerId,
          })),
          100,
        );
      });
    } catch (error) {
      if (!isDatabaseConflictError(error)) {
        throw error;
      }
      await this.refuseHeldDomains(
        tx,
        accountId,
        wanted.map(entry => entry.domain),
      );
      throw new ConflictError(
        'An SSO domain of these settings is bound by another account',
      );
    }
  }

  /** Names the first of the SSO domains another account holds, as a 409. */
  private async refuseHeldDomains(
    tx: Knex.Transaction,
    accountId: string,
    domains: string[],
  ): Promise<void> {
    for (let i = 0; i < domains.length; i += 500) {
      const taken = await tx('account_sso_domains')
        .select('domain', 'account_id')
        .whereIn('domain', domains.slice(i, i + 500))
        .whereNot('account_id', accountId)
        .orderBy('domain')
        .first();
      if (taken) {
        throw new ConflictError(
          `SSO domain ${taken.domain} is already bound by account ${taken.account_id}`,
        );
      }
    }
  }

  /**
   * The sign-up restriction of an enabled, enterprise account that lists one
   * of the patterns, approved by a platform admin; the first by account id when several do, so that the
   * answer is stable.
   */
  async findSignupRestriction(
    patterns: string[],
  ): Promise<SignupRestriction | undefined> {
    const row = await this.db('account_signup_domains as d')
      .join('account_settings as s', 's.account_id', 'd.account_id')
      .join('accounts as a', 'a.id', 'd.account_id')
      .join('domain_bindings as b', join =>
        join.on('b.account_id', 'd.account_id').andOn('b.domain', 'd.domain'),
      )
      .where('b.status', 'approved')
      .whereIn('d.domain', patterns)
      .where('s.restrict_signups', true)
      .where('a.enterprise', true)
      .select('d.account_id', 's.restrict_signup_message')
      .orderBy('d.account_id')
      .first();
    return row
      ? { accountId: row.account_id, message: row.restrict_signup_message }
      : undefined;
  }

  /**
   * The approved SSO binding of an enterprise account for the most specific
   * of the patterns (they come most specific first).
   */
  async findSsoRequirement(
    patterns: string[],
  ): Promise<SsoRequirement | undefined> {
    const rows: Array<{
      domain: string;
      account_id: string;
      provider_id: string;
    }> = await this.db('account_sso_domains as d')
      .join('accounts as a', 'a.id', 'd.account_id')
      .join('domain_bindings as b', join =>
        join.on('b.account_id', 'd.account_id').andOn('b.domain', 'd.domain'),
      )
      .where('b.status', 'approved')
      .whereIn('d.domain', patterns)
      .where('a.enterprise', true)
      .select('d.domain', 'd.account_id', 'd.provider_id');
    const best = rows.sort(
      (x, y) => patterns.indexOf(x.domain) - patterns.indexOf(y.domain),
    )[0];
    return best
      ? {
          accountId: best.account_id,
          providerId: best.provider_id,
          domain: best.domain,
        }
      : undefined;
  }
}
