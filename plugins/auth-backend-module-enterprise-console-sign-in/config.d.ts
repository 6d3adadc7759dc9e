export interface Config {
  enterpriseConsole?: {
    /**
     * How the auth backend applies the Enterprise Console's sign-up
     * restriction and SSO domain policy.
     */
    signIn?: {
      /**
       * What happens to a sign-in when the Enterprise Console backend cannot
       * answer the sign-up check: `deny` (the default) refuses it, `allow`
       * lets it through unchecked and logs a warning.
       */
      whenUnavailable?: 'deny' | 'allow';
    };
  };
  auth?: {
    providers?: {
      /**
       * The guest provider, as registered by this module in place of
       * `@backstage/plugin-auth-backend-module-guest-provider` (same keys).
       */
      guest?: {
        /** The user signed in. Defaults to user:development/guest. */
        userEntityRef?: string;
        /** Ownership refs when that user is not in the catalog. */
        ownershipEntityRefs?: string[];
        /** Allows the guest provider outside development mode. */
        dangerouslyAllowOutsideDevelopment?: boolean;
      };
    };
  };
}
