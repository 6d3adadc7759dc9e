import {
  DatabaseService,
  resolvePackagePath,
} from '@backstage/backend-plugin-api';
import { Knex } from 'knex';

const migrationsDir = resolvePackagePath(
  '@internal/plugin-enterprise-console-backend',
  'migrations',
);

/** Brings the plugin's database up to the latest schema, unless the operator skips migrations. */
export async function migrateDatabase(
  database: DatabaseService,
): Promise<Knex> {
  const knex = await database.getClient();
  if (!database.migrations?.skip) {
    await knex.migrate.latest({ directory: migrationsDir });
  }
  return knex;
}

/** For tests that hand a raw knex to the stores. */
export async function migrateKnex(knex: Knex): Promise<void> {
  await knex.migrate.latest({ directory: migrationsDir });
}
