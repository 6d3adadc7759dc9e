export interface Config {
  /**
   * Configuration of the Enterprise Console plugins.
   */
  enterpriseConsole?: {
    /**
     * Permissions that service principals (static tokens, other plugins)
     * hold, by short name (`data.ingest` for
     * `enterprise-console.data.ingest`). Backstage's permission client allows
     * services everything without asking the policy; the Enterprise Console
     * backend denies every permission not listed here. Unknown names fail
     * startup. Whatever this says, the catalog plugin may read tenants and
     * accounts (tenant.read, console.read), as the Enterprise Console catalog
     * module publishes tenants as entities owned by their account's admins.
     *
     * @default ["data.ingest"]
     */
    servicePermissions?: string[];

    /**
     * The usage meters usage events may name (`meter` of a `usage` record);
     * an event of any other meter is refused with a reason. The
     * tenant-usage report has one column per meter, `<name> (<unit>)`, in
     * this order. A key that is not a machine name, a key declared twice,
     * or two meters with the same name and unit fail startup.
     *
     * @default []
     */
    usageMeters?: Array<{
      /** What usage events name, e.g. `voice-minutes`: 1 to 63 of a-z 0-9 . _ - */
      key: string;
      /** e.g. `Voice`; 1 to 100 characters. */
      name: string;
      /** e.g. `minutes`; 1 to 30 characters. */
      unit: string;
    }>;

    /** Scheduled reports. */
    schedules?: {
      /**
       * The console page a schedule's mail links to, so its recipients can
       * see and stop it: `<consoleUrl>/schedules/<id>`.
       *
       * @default "<app.baseUrl>/enterprise-console"
       */
      consoleUrl?: string;
      /**
       * How often one replica looks for due occurrences. Durations take
       * Backstage's forms: `'1m'`, `'PT1M'` or `{ minutes: 1 }`.
       *
       * @default { minutes: 1 }
       */
      checkInterval?: string | { [unit: string]: number };
    };

    /** Billing (billing.md). */
    billing?: {
      /**
       * The plan catalogue, upserted at every start; without it, the
       * default catalogue of billing.md. Amounts are quoted two-decimal
       * strings ('300.00'). An omitted `monthlyFee` is priced by contract;
       * an omitted `includedUsers`, `extraUserFee` or `includedSms` is
       * unlimited. A changed pricing term adds a plan version; an entry
       * whose config is unchanged since the last start leaves edits made
       * through the API in place.
       */
      plans?: Array<{
        /** a-z, 0-9 and inner hyphens, e.g. `standard` */
        id: string;
        name: string;
        /** `community`, `standard`, `pro`, `advanced`, `enterprise` or a custom key */
        edition: string;
        monthlyFee?: string;
        /** Per month, billed 12 at a time; present = the plan can be billed annually. */
        annualMonthlyPrice?: string;
        includedUsers?: number;
        extraUserFee?: string;
        /** SMS parts included per month. */
        includedSms?: number;
        /** Entitlement keys, e.g. `sms-reminders`. */
        features?: string[];
        supportLevel?: string;
        /** Whether a Business Associate Agreement (HIPAA) is offered. */
        baa?: boolean;
        /** @default public */
        visibility?: 'public' | 'internal' | 'archived';
      }>;
      /**
       * Who is notified of a new pro-bono or developer plan application
       * (Backstage notifications, topic `billing-applications`): user or
       * group entity refs such as `group:default/billing`. Without it, the
       * members of the roles of `enterpriseConsole.roles` that hold
       * billing.manage (the shipped billing-admin role does). No broadcast
       * is sent: an application is the tenant's business. A ref that is not
       * a user or group fails startup.
       */
      applicationReviewers?: string[];
      /**
       * Who issues statements: the header of every statement PDF and the
       * sender named in statement emails. Without it, a neutral
       * "Enterprise Console" header.
       */
      seller?: {
        name: string;
        /** Lines under the name: street, city, tax id, email… */
        address?: string[];
      };
      /**
       * Statement emails after an invoice run (the monthly task and
       * `POST /v1/billing/invoice-runs`): each statement the run creates is
       * emailed with its PDF to the account's billing contacts, or with
       * none to its admins, through the notifications email module's
       * transport (`notifications.processors.email`). A statement that
       * cannot be sent is logged and the run goes on.
       */
      statementEmails?: {
        /** @default true */
        enabled?: boolean;
      };
    };

    reports?: {
      /**
       * A report run stops with an error (status failed, naming the cap)
       * once it would write more rows than this.
       *
       * @default 5000000
       */
      maxRows?: number;
      /**
       * Queued plus running report runs one user may have; one more is
       * refused with 429 and Retry-After.
       *
       * @default 3
       */
      maxActiveRunsPerUser?: number;
      /**
       * How each backend replica works off the report run queue. Durations
       * take Backstage's forms: `'2s'`, `'PT30S'` or `{ seconds: 30 }`.
       */
      worker?: {
        /**
         * Runs one replica works on at once.
         *
         * @default 2
         */
        concurrency?: number;
        /**
         * How often an idle replica looks for queued runs (a run queued
         * through the same replica starts at once).
         *
         * @default 5 seconds
         */
        pollInterval?:
          | string
          | { minutes?: number; seconds?: number; milliseconds?: number };
        /**
         * How long a replica holds a run without renewing its lease; after
         * that another replica takes the run over (a replica that died).
         * At least three heartbeat intervals.
         *
         * @default 30 seconds
         */
        leaseDuration?:
          | string
          | { minutes?: number; seconds?: number; milliseconds?: number };
        /**
         * How often a running job renews its lease and checks for a cancel;
         * at most 2 seconds, so that a cancel stops a run within 5 seconds.
         *
         * @default 2 seconds
         */
        heartbeatInterval?:
          | string
          | { seconds?: number; milliseconds?: number };
        /**
         * How many times a run is claimed at most. A run whose replica died
         * (its lease expired) on its last claim fails with a message
         * instead of being claimed again, so a report that crashes every
         * replica that runs it is not retried forever.
         *
         * @default 3
         */
        maxAttempts?: number;
        /**
         * How many rows one job writes per second at most (a whole number
         * of at least 1), so a large export does not load the database it
         * reads: the job waits between batches, and reads at most one
         * second's rows at a time. A cancel or shutdown still stops it at
         * once, and heartbeats keep its lease while it waits. Unlimited
         * when not set.
         */
        maxRowsPerSecond?: number;
      };
      /**
       * Download links of report runs (sent by notification and email).
       * They need no portal session: a link carries a token signed with
       * HMAC-SHA256, naming one run and its expiry.
       */
      downloadLinks?: {
        /**
         * How long a link works after its run finished; after that the
         * download answers 410 and the file is deleted. A duration such as
         * `24h`, `P1D` or `{ hours: 24 }`; at most 7 days.
         *
         * @default 24 hours
         */
        expiry?:
          | string
          | {
              days?: number;
              hours?: number;
              minutes?: number;
              seconds?: number;
            };
        /**
         * Signing keys. The first one signs new links; all of them verify.
         * To rotate, put a new key first and keep the old one until the
         * links it signed have expired. Every replica needs the same keys.
         * Without keys, each process makes a random key at startup (and
         * warns): links then stop working at restart and on other replicas.
         */
        keys?: Array<{
          /** Names the key in the tokens it signs. */
          id: string;
          /**
           * At least 32 characters, random (e.g. `openssl rand -base64 48`).
           *
           * @visibility secret
           */
          secret: string;
        }>;
      };
    };
  };
}
