export interface Config {
  enterpriseConsole?: {
    /**
     * Demo data seeded into the Enterprise Console when the backend starts.
     * On in app-config.yaml, off in app-config.production.yaml.
     */
    demoData?: {
      /** Seed the demo enterprise at startup. Defaults to false. */
      enabled?: boolean;
      /** Seed of the generator; the same seed gives the same data. Defaults to 42. */
      seed?: number;
      /** Multiplies the amount of data; 1 gives a few dozen tenants. Defaults to 1. */
      scale?: number;
    };
  };
}
