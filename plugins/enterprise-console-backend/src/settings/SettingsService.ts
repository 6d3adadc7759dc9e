import {
  BackstageCredentials,
  isDatabaseConflictError,
} from '@backstage/backend-plugin-api';
import { ConflictError, InputError, NotFoundError } from '@backstage/errors';
import {
  DomainBinding,
  DomainBindingStatus,
  enterpriseConsoleSettingsReadPermission,
  enterpriseConsoleSettingsUpdatePermission,
  EnterpriseSettings,
  EnterpriseSettingsResponse,
  isValidSlug,
  SignupCheckResponse,
  SsoProviderInfo,
} from '@internal/plugin-enterprise-console-common';
import { Knex } from 'knex';
import { describeActor } from '../lib/describeActor';
import { Authorizer } from '../permissions/authorize';
import { AccountStore } from '../tenants';
import { DomainBindingStore } from './DomainBindingStore';
import {
  SettingsStore,
  StoredSettings,
  unsavedSettings,
} from './SettingsStore';
import {
  emailDomain,
  matchingPatterns,
  SignupCheckRequest,
} from './validation';

/**
 * Enterprise settings: who may read and change them, which accounts have
 * them, the approval of the domains they bind, and the sign-up and SSO
 * answers derived from them. Settings and approvals change together in one
 * transaction, each store writing its own tables.
 */
export class SettingsService {
  constructor(
    private readonly options: {
      db: Knex;
      authorizer: Authorizer;
      accounts: AccountStore;
      store: SettingsStore;
      bindings: DomainBindingStore;
      /** Keys of `auth.providers`: the identity providers of the portal. */
      authProviderIds: readonly string[];
    },
  ) {}

  /**
   * Checks the caller's permission on the account, then that the account
   * exists (404) and is an enterprise account (409): only those have
   * settings. Permission first, so that a denied caller learns nothing
   * about which accounts exist.
   */
  private async authorizeOnEnterpriseAccount(
    accountId: string,
    credentials: BackstageCredentials,
    permission:
      | typeof enterpriseConsoleSettingsReadPermission
      | typeof enterpriseConsoleSettingsUpdatePermission,
  ): Promise<void> {
    if (!isValidSlug(accountId)) {
      throw new NotFoundError(`Account ${accountId} not found`);
    }
    await this.options.authorizer.requirePermission(
      credentials,
      permission,
      accountId,
    );
    const account = await this.options.accounts.get(accountId);
    if (!account) {
      throw new NotFoundError(`Account ${accountId} not found`);
    }
    if (!account.enterprise) {
      throw new ConflictError(
        `Account ${accountId} is not an enterprise account; only enterprise accounts have settings`,
      );
    }
  }

  async get(
    accountId: string,
    credentials: BackstageCredentials,
  ): Promise<EnterpriseSettingsResponse> {
    await this.authorizeOnEnterpriseAccount(
      accountId,
      credentials,
      enterpriseConsoleSettingsReadPermission,
    );
    return this.read(accountId);
  }

  /** The settings of an account (the defaults if never saved) with the state of their domains. */
  private async read(
    accountId: string,
    tx: Knex | Knex.Transaction = this.options.db,
  ): Promise<EnterpriseSettingsResponse> {
    const stored: StoredSettings =
      (await this.options.store.get(accountId, tx)) ??
      unsavedSettings(accountId);
    return {
      ...stored,
      domainBindings: await this.options.bindings.statesOf(accountId, tx),
    };
  }

  /**
   * 401/403/404/409 before a body is read: a caller without access learns
   * nothing from the body's 400.
   */
  async authorizeUpdate(
    accountId: string,
    credentials: BackstageCredentials,
  ): Promise<void> {
    await this.authorizeOnEnterpriseAccount(
      accountId,
      credentials,
      enterpriseConsoleSettingsUpdatePermission,
    );
  }

  /** Replaces the settings (parsed by `parseSettings`) of the account. */
  async put(
    accountId: string,
    settings: EnterpriseSettings,
    credentials: BackstageCredentials,
  ): Promise<{
    before: EnterpriseSettingsResponse;
    after: EnterpriseSettingsResponse;
  }> {
    await this.authorizeUpdate(accountId, credentials);
    const configured = new Set(this.options.authProviderIds);
    settings.sso.providers.forEach((binding, index) => {
      if (!configured.has(binding.providerId)) {
        throw new InputError(
          `Invalid settings: sso.providers.${index}.providerId ${
            binding.providerId
          } is not an identity provider of the portal (configured: ${
            [...configured].join(', ') || 'none'
          })`,
        );
      }
    });
    const actor = describeActor(credentials);
    const { store, bindings } = this.options;
    try {
      return await this.options.db.transaction(async tx => {
        const before = await this.read(accountId, tx);
        await store.put(tx, accountId, settings, actor);
        await bindings.sync(
          tx,
          accountId,
          [
            ...settings.restrictSignupDomains,
            ...settings.sso.providers.flatMap(binding => binding.domains),
          ],
          actor,
        );
        const states = await bindings.statesOf(accountId, tx);
        await store.replaceSsoDomains(
          tx,
          accountId,
          settings.sso,
          new Set(
            states
              .filter(state => state.status === 'approved')
              .map(state => state.domain),
          ),
        );
        return { before, after: await this.read(accountId, tx) };
      });
    } catch (error) {
      // Two saves of the same account at once: its keys settle it.
      if (isDatabaseConflictError(error)) {
        throw new ConflictError(
          `The settings of account ${accountId} changed at the same time; try again`,
        );
      }
      throw error;
    }
  }

  /** Bindings in a state across accounts, for the platform admins' queue. */
  async listDomainBindings(
    status: DomainBindingStatus,
  ): Promise<DomainBinding[]> {
    return this.options.bindings.list(status);
  }

  /**
   * Approves or rejects a pending binding (the caller holds domain.approve)
   * and returns it before and after. An approved SSO domain takes its key in
   * account_sso_domains, refused with a 409 naming the account that holds
   * it already; a rejected one holds none.
   */
  async decideDomainBinding(
    id: string,
    decision: { status: 'approved' | 'rejected'; reason?: string },
    actor: string,
  ): Promise<{ before: DomainBinding; after: DomainBinding }> {
    const { store, bindings } = this.options;
    return this.options.db.transaction(async tx => {
      const outcome = await bindings.decide(tx, id, decision, actor);
      const { accountId, domain } = outcome.after;
      if (decision.status === 'approved') {
        await store.occupySsoDomain(tx, accountId, domain);
      } else {
        await store.releaseSsoDomain(tx, accountId, domain);
      }
      return outcome;
    });
  }

  /**
   * The portal's identity providers with the domains the account binds to
   * each, plus any provider the account binds that is no longer configured.
   */
  async listSsoProviders(
    accountId: string,
    credentials: BackstageCredentials,
  ): Promise<SsoProviderInfo[]> {
    await this.authorizeOnEnterpriseAccount(
      accountId,
      credentials,
      enterpriseConsoleSettingsReadPermission,
    );
    const { sso } =
      (await this.options.store.get(accountId)) ?? unsavedSettings(accountId);
    const bound = new Map(
      sso.providers.map(binding => [binding.providerId, binding.domains]),
    );
    const ids = [
      ...this.options.authProviderIds,
      ...[...bound.keys()].filter(
        id => !this.options.authProviderIds.includes(id),
      ),
    ];
    return ids.map(providerId => ({
      providerId,
      configured: this.options.authProviderIds.includes(providerId),
      domains: bound.get(providerId) ?? [],
    }));
  }

  /**
   * The sign-up answer as a caller may see it. Those who may read the
   * deciding account's settings get the whole answer; everyone else (the
   * sign-in module's service principal included) gets what a refused user
   * is told anyway: allowed, the message, and requiredProvider only when
   * the answer refuses the provider given, which the sign-in module needs
   * to refuse existing users of an SSO domain too. Never which account
   * decided, nor a binding or restriction that did not decide.
   */
  async checkSignup(
    { email, providerId }: SignupCheckRequest,
    credentials: BackstageCredentials,
  ): Promise<SignupCheckResponse> {
    const answer = await this.decideSignup(email, providerId);
    if (
      answer.accountId === undefined ||
      (await this.options.authorizer.isAllowed(
        credentials,
        enterpriseConsoleSettingsReadPermission,
        answer.accountId,
      ))
    ) {
      return answer;
    }
    const wrongProvider =
      !answer.allowed &&
      answer.requiredProvider !== undefined &&
      answer.requiredProvider !== providerId;
    return {
      allowed: answer.allowed,
      ...(answer.message !== undefined ? { message: answer.message } : {}),
      ...(wrongProvider ? { requiredProvider: answer.requiredProvider } : {}),
    };
  }

  /**
   * Whether a new user of this email may sign up, and through which
   * provider the email's domain must sign in. SSO is answered first: a
   * wrong provider is refused even for users who already exist.
   */
  private async decideSignup(
    email: string,
    providerId: string | undefined,
  ): Promise<SignupCheckResponse> {
    const domain = emailDomain(email.trim());
    if (!domain) {
      throw new InputError(
        'Invalid signup check: email must be an email address such as ada@example.com',
      );
    }
    const patterns = matchingPatterns(domain);
    const [restriction, sso] = await Promise.all([
      this.options.store.findSignupRestriction(patterns),
      this.options.store.findSsoRequirement(patterns),
    ]);

    if (sso && providerId !== undefined && providerId !== sso.providerId) {
      return {
        allowed: false,
        accountId: sso.accountId,
        requiredProvider: sso.providerId,
        message: `Users of ${domain} must sign in with ${sso.providerId}`,
        ...(restriction ? { signupRestricted: true } : {}),
      };
    }
    if (restriction) {
      return {
        allowed: false,
        accountId: restriction.accountId,
        message: restriction.message,
        signupRestricted: true,
        ...(sso ? { requiredProvider: sso.providerId } : {}),
      };
    }
    if (sso) {
      return {
        allowed: true,
        accountId: sso.accountId,
        requiredProvider: sso.providerId,
      };
    }
    return { allowed: true };
  }

  /** Whether the account restricts tenant creation to its enterprise admins. */
  async restrictsTenantCreation(accountId: string): Promise<boolean> {
    const account = await this.options.accounts.get(accountId);
    if (!account?.enterprise) {
      return false;
    }
    const settings = await this.options.store.get(accountId);
    return settings?.restrictTenantCreation ?? false;
  }
}
