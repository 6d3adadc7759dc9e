import type * as Model from '../generated/models';

/*
 * Enterprise settings of an account (permissions.md, "Enterprise settings")
 * and the answers of the sign-up check, shared by the backend, the frontend
 * pages and the auth module. Their fields are stated once, in the backend's
 * openapi.yaml (see ../generated/models.ts).
 */

/**
 * Defaults used by every export of the account's tenants, as settings
 * answer them (every field set).
 *
 * @public
 */
export type ExportDefaults = Model.EnterpriseSettings['exportDefaults'];

/**
 * File type of exports: plain CSV as described in reports.md, or the
 * Excel-friendly variant of the report writer.
 *
 * @public
 */
export type ExportFileType = ExportDefaults['fileType'];

/**
 * How exports write time values: in UTC (`YYYY-MM-DD HH:mm:ss`, the
 * reports.md default) or converted to each tenant's time zone.
 *
 * @public
 */
export type ExportDateConversion = ExportDefaults['dateConversion'];

/**
 * How exports write multiple-choice (checkbox) answers: all chosen options
 * in one column, or one Yes/No column per option.
 *
 * @public
 */
export type ExportCheckboxExpansion = ExportDefaults['checkboxExpansion'];

/**
 * Email domains whose users must sign in through one identity provider.
 *
 * @public
 */
export type SsoProviderBinding = Model.SsoProviderBinding;

/**
 * Single sign-on policy of an account, as settings answer it.
 *
 * @public
 */
export type SsoSettings = Model.EnterpriseSettings['sso'];

/**
 * The answer of `GET /v1/accounts/{accountId}/settings`: the settings, with
 * when and by whom they were last saved (null while never saved, when the
 * defaults apply), and the approval state of every domain they bind.
 *
 * @public
 */
export type EnterpriseSettingsResponse = Model.EnterpriseSettings;

/**
 * The editable enterprise settings of an account: the body of
 * `PUT /v1/accounts/{accountId}/settings` with every field set.
 *
 * @public
 */
export type EnterpriseSettings = Omit<
  EnterpriseSettingsResponse,
  'accountId' | 'updatedAt' | 'updatedBy' | 'domainBindings'
>;

/**
 * Whether a platform admin approved a domain an account binds.
 *
 * @public
 */
export type DomainBindingStatus = DomainBindingState['status'];

/**
 * The approval state of one domain of an account's settings.
 *
 * @public
 */
export type DomainBindingState = Model.DomainBindingState;

/**
 * A domain binding as the approval queue lists it
 * (`GET /v1/domain-bindings`).
 *
 * @public
 */
export type DomainBinding = Model.DomainBinding;

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
export type SignupCheckRequest = Model.SignupCheckRequest;

/**
 * Answer of `POST /v1/signup-check`. Callers without settings.read on the
 * deciding account get only `allowed`, `message`, and `requiredProvider`
 * when the provider they gave is refused.
 *
 * @public
 */
export type SignupCheckResponse = Model.SignupCheckResult;

/**
 * An identity provider of the portal with the domains an account binds to
 * it: an item of `GET /v1/sso/providers`.
 *
 * @public
 */
export type SsoProviderInfo = Model.SsoProviderInfo;
