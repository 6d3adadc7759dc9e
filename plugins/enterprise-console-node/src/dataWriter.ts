import { InvoicingMode } from '@internal/plugin-enterprise-console-common';

/**
 * An account as written by an integration or a seeder.
 *
 * @public
 */
export interface AccountInput {
  id: string;
  name: string;
  enterprise?: boolean;
  adminRefs?: string[];
  adminEmails?: string[];
  invoicing?: InvoicingMode;
  currency?: string;
  autopay?: boolean;
}

/**
 * A tenant as written by an integration or a seeder.
 *
 * @public
 */
export interface TenantInput {
  id: string;
  accountId: string;
  name: string;
  url?: string;
  /** ISO 8601 time. */
  createdAt: string;
  timezone?: string;
  entityRef?: string;
  feedLimit?: number;
}

/**
 * Writes tenant data through the plugin's own validation and store code, so
 * that whatever a module writes is exactly what the ingestion API would write.
 *
 * @public
 */
export interface EnterpriseConsoleDataWriter {
  upsertAccount(account: AccountInput): Promise<void>;
  upsertTenant(tenant: TenantInput): Promise<void>;
}
