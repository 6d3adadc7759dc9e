import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { BillingInvoice } from '@internal/plugin-enterprise-console-common';
import { enterpriseConsoleSeedExtensionPoint } from '@internal/plugin-enterprise-console-node';
import { generateDemoBilling } from './generateDemoBilling';
import { generateDemoData } from './generateDemoData';
import {
  generateDemoLedgerActions,
  generateDemoLedgerSetup,
} from './generateDemoLedger';

const INGEST_CALL_SIZE = 10_000;

/**
 * Seeds the demo enterprise when `enterpriseConsole.demoData.enabled` is true.
 * Writes go through the plugin's own validation and stores.
 *
 * @public
 */
export const enterpriseConsoleModuleDemoData = createBackendModule({
  pluginId: 'enterprise-console',
  moduleId: 'demo-data',
  register(reg) {
    reg.registerInit({
      deps: {
        config: coreServices.rootConfig,
        seeds: enterpriseConsoleSeedExtensionPoint,
      },
      async init({ config, seeds }) {
        const demo = config.getOptionalConfig('enterpriseConsole.demoData');
        if (!demo?.getOptionalBoolean('enabled')) {
          return;
        }
        const options = {
          seed: demo.getOptionalNumber('seed') ?? 42,
          scale: demo.getOptionalNumber('scale') ?? 1,
          referenceDate: new Date(),
        };
        seeds.addSeeder({
          name: `demo data (seed ${options.seed}, scale ${options.scale})`,
          async seed(writer) {
            const data = generateDemoData(options);
            // Usage events of meters this server does not declare would be
            // refused: the demo keeps only those of configured meters.
            const meters = new Set(
              (
                config.getOptionalConfigArray(
                  'enterpriseConsole.usageMeters',
                ) ?? []
              ).map(meter => meter.getString('key')),
            );
            const records = data.records.filter(
              record => record.type !== 'usage' || meters.has(record.meter),
            );
            for (const account of data.accounts) {
              await writer.upsertAccount(account);
            }
            // Billing is not idempotent: only tenants this run created get it.
            const created = new Set<string>();
            for (const tenant of data.tenants) {
              if ((await writer.upsertTenant(tenant)) === 'created') {
                created.add(tenant.id);
              }
            }
            // In calls the size the ingestion API allows, through the same code.
            for (let i = 0; i < records.length; i += INGEST_CALL_SIZE) {
              const result = await writer.ingest(
                records.slice(i, i + INGEST_CALL_SIZE),
              );
              if (result.rejectedCount > 0) {
                const [first] = result.rejected;
                throw new Error(
                  `Demo data has ${
                    result.rejectedCount
                  } invalid records, e.g. #${i + first.index} ${first.id}: ${
                    first.message
                  }`,
                );
              }
            }
            const billing = generateDemoBilling(
              data.tenants.filter(tenant => created.has(tenant.id)),
              options.referenceDate,
            );
            for (const subscription of billing.subscriptions) {
              await writer.billing.subscribe(subscription);
            }
            for (const change of billing.changes) {
              await writer.billing.changePlan(change);
            }
            for (const { application, applicant } of billing.applications) {
              await writer.billing.apply(application, applicant);
            }
            // The ledger, once, by the start that created the tenants: credits and contacts first (the runs apply the credits and
            // address the statements), then the months oldest first, then
            // payments and voids of what the runs made.
            if (created.size === 0) {
              return;
            }
            const accountIds = new Set(
              data.accounts.map(account => account.id),
            );
            const setup = generateDemoLedgerSetup(
              options.referenceDate,
              accountIds,
            );
            for (const credit of setup.credits) {
              await writer.billing.addCredit(credit);
            }
            for (const { accountId, contacts } of setup.contacts) {
              await writer.billing.setContacts(accountId, contacts);
            }
            for (const period of setup.periods) {
              await writer.billing.runInvoices(period);
            }
            const invoicesByAccount = new Map<string, BillingInvoice[]>();
            for (const accountId of accountIds) {
              invoicesByAccount.set(
                accountId,
                await writer.billing.invoices(accountId),
              );
            }
            const actions = generateDemoLedgerActions(
              invoicesByAccount,
              setup.periods,
            );
            for (const payment of actions.payments) {
              await writer.billing.recordPayment(payment);
            }
            for (const { invoiceId, reason } of actions.voids) {
              await writer.billing.voidInvoice(invoiceId, reason);
            }
          },
        });
      },
    });
  },
});
