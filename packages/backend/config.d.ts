export interface Config {
  enterpriseConsole?: {
    /**
     * Development only: a sign-in provider `demo-persona` that signs in as
     * the catalog user named in the `x-demo-persona` header, for demos and
     * browser tests. Ignored unless the backend runs in development mode.
     */
    demoPersonas?: {
      /** Defaults to false. */
      enabled?: boolean;
    };
  };
}
