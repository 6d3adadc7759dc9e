import { LoggerService } from '@backstage/backend-plugin-api';
import {
  EnterpriseConsoleDataWriter,
  EnterpriseConsoleSeeder,
} from '@internal/plugin-enterprise-console-node';

/** Runs the seeders that modules registered, one after another. */
export async function runSeeders(
  seeders: EnterpriseConsoleSeeder[],
  writer: EnterpriseConsoleDataWriter,
  logger: LoggerService,
): Promise<void> {
  for (const seeder of seeders) {
    const started = Date.now();
    await seeder.seed(writer);
    logger.info(`Seeded ${seeder.name} in ${Date.now() - started} ms`);
  }
}
