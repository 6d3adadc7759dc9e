/*
 * Enterprise settings of an account (permissions.md, "Enterprise settings")
 * and the answers of the sign-up check, shared by the backend, the frontend
 * pages and the auth module.
 */

/**
 * File type of exports: plain CSV as described in reports.md, or the
 * Excel-friendly variant of the report writer.
 *
 * @public
 */
export type ExportFileType = 'csv' | 'excel-csv';

/**
 * How exports write time values: in UTC (`YYYY-MM-DD HH:mm:ss`, the
 * reports.md default) or converted to each tenant's time zone.
 *
 * @public
 */
export type ExportDateConversion = 'utc' | 'tenant-timezone';

/**
 * How exports write multiple-choice (checkbox) answers: all chosen options
 * in one column, or one Yes/No column per option.
 *
 * @public
 */
export type ExportCheckboxExpansion = 'combined' | 'expanded';

/**
 * Defaults used by every export of the account's tenants.
 *
 * @public
 */
export interface ExportDefaults {
  fileType: ExportFileType;
  dateConversion: ExportDateConversion;
  checkboxExpansion: ExportCheckboxExpansion;
}

/**
 * Email domains whose users must sign in through one identity provider.
 *
 * @public
 */
export interface SsoProviderBinding {
  /** A key of `auth.providers` in the portal's config, e.g. `google`. */
  providerId: string;
  /** Lowercase DNS names, or `*.example.com` for every subdomain. */
  domains: string[];
}

/**
 * Single sign-on policy of an account.
 *
 * @public
 */
export interface SsoSettings {
  providers: SsoProviderBinding[];
}

/**
 * The editable enterprise settings of an account: the body of
 * `PUT /v1/accounts/{accountId}/settings`.
 *
 * @public
 */
export interface EnterpriseSettings {
  /** Only enterprise admins may create tenants of the account. */
  restrictTenantCreation: boolean;
  /** Sign-ups from `restrictSignupDomains` are refused. */
  restrictSignups: boolean;
  /** Lowercase DNS names, or `*.example.com` for every subdomain. */
  restrictSignupDomains: string[];
  /** Shown to refused users; required while `restrictSignups` is on. */
  restrictSignupMessage: string;
  exportDefaults: ExportDefaults;
  sso: SsoSettings;
}

/**
 * The answer of `GET /v1/accounts/{accountId}/settings`: the settings, with
 * when and by whom they were last saved (null while never saved, when the
 * defaults apply).
 *
 * @public
 */
export interface EnterpriseSettingsResponse extends EnterpriseSettings {
  accountId: string;
  updatedAt: string | null;
  updatedBy: string | null;
  /**
   * The approval state of every domain the settings bind, by domain. Only
   * approved domains apply to the sign-up check and SSO.
   */
  domainBindings: DomainBindingState[];
}

/**
 * Whether a platform admin approved a domain an account binds.
 *
 * @public
 */
export type DomainBindingStatus = 'pending' | 'approved' | 'rejected';

/**
 * The approval state of one domain of an account's settings.
 *
 * @public
 */
export interface DomainBindingState {
  domain: string;
  status: DomainBindingStatus;
  /** Why a platform admin rejected it; only while rejected. */
  reason?: string;
}

/**
 * A domain binding as the approval queue lists it
 * (`GET /v1/domain-bindings`).
 *
 * @public
 */
export interface DomainBinding extends DomainBindingState {
  id: string;
  accountId: string;
  requestedAt: string;
  requestedBy: string;
  decidedAt: string | null;
  decidedBy: string | null;
}

/**
 * The settings of an account that never saved any.
 *
 * @public
 */
export const DEFAULT_ENTERPRISE_SETTINGS: EnterpriseSettings = Object.freeze({
  restrictTenantCreation: false,
  restrictSignups: false,
  restrictSignupDomains: [],
  restrictSignupMessage: '',
  exportDefaults: Object.freeze({
    fileType: 'csv',
    dateConversion: 'utc',
    checkboxExpansion: 'combined',
  }),
  sso: Object.freeze({ providers: [] }),
}) as EnterpriseSettings;

/**
 * Body of `POST /v1/signup-check`.
 *
 * @public
 */
export interface SignupCheckRequest {
  email: string;
  /** The provider the user is signing in with; enables the SSO answer. */
  providerId?: string;
}

/**
 * Answer of `POST /v1/signup-check`. Callers without settings.read on the
 * deciding account get only `allowed`, `message`, and `requiredProvider`
 * when the provider they gave is refused.
 *
 * @public
 */
export interface SignupCheckResponse {
  /**
   * False when a new user of this email may not sign up (restricted
   * domain), or when `providerId` was given and is not the one the
   * domain must use.
   */
  allowed: boolean;
  /** The account whose policy decided the answer. */
  accountId?: string;
  /** What to show the user when refused. */
  message?: string;
  /** Refused because sign-ups from this domain are restricted. */
  signupRestricted?: boolean;
  /** The provider this domain must sign in through (SSO). */
  requiredProvider?: string;
}

/**
 * An identity provider of the portal with the domains an account binds to
 * it: an item of `GET /v1/sso/providers`.
 *
 * @public
 */
export interface SsoProviderInfo {
  providerId: string;
  /** Whether `auth.providers` configures it (false: bound but missing). */
  configured: boolean;
  domains: string[];
}
