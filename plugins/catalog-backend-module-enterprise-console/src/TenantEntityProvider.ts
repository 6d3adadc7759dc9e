import { LoggerService } from '@backstage/backend-plugin-api';
import {
  EntityProvider,
  EntityProviderConnection,
} from '@backstage/plugin-catalog-node';
import { EnterpriseConsoleServiceClient } from '@internal/plugin-enterprise-console-node';
import { tenantToEntity } from './tenantToEntity';

/**
 * Publishes every Enterprise Console tenant as a catalog `Resource` of type
 * `tenant`. Each refresh replaces the whole set, so deleted tenants leave the
 * catalog too.
 */
export class TenantEntityProvider implements EntityProvider {
  private connection?: EntityProviderConnection;

  constructor(
    private readonly options: {
      client: Pick<
        EnterpriseConsoleServiceClient,
        'listAccounts' | 'listTenants'
      >;
      logger: LoggerService;
      appBaseUrl: string;
      defaultOwner: string;
    },
  ) {}

  getProviderName(): string {
    return 'enterprise-console-tenants';
  }

  async connect(connection: EntityProviderConnection): Promise<void> {
    this.connection = connection;
  }

  async refresh(signal?: AbortSignal): Promise<number> {
    if (!this.connection) {
      throw new Error(`${this.getProviderName()} is not connected yet`);
    }
    const { client, appBaseUrl, defaultOwner } = this.options;
    const [accounts, tenants] = await Promise.all([
      client.listAccounts({ signal }),
      client.listTenants({ signal }),
    ]);
    const accountsById = new Map(accounts.map(a => [a.id, a]));
    const locationRef = `enterprise-console:${this.getProviderName()}`;
    await this.connection.applyMutation({
      type: 'full',
      entities: tenants.map(tenant => ({
        locationKey: this.getProviderName(),
        entity: tenantToEntity(tenant, {
          account: accountsById.get(tenant.accountId),
          defaultOwner,
          appBaseUrl,
          locationRef,
        }),
      })),
    });
    this.options.logger.info(
      `Published ${tenants.length} tenants to the catalog`,
    );
    return tenants.length;
  }
}
