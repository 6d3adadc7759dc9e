import { createExtensionPoint } from '@backstage/backend-plugin-api';
import { EnterpriseConsoleDataWriter } from './dataWriter';

/**
 * Fills the Enterprise Console with data when the backend starts, e.g. demo data.
 *
 * @public
 */
export interface EnterpriseConsoleSeeder {
  /** Shown in the backend log. */
  name: string;
  seed(writer: EnterpriseConsoleDataWriter): Promise<void>;
}

/**
 * Lets backend modules seed data into the Enterprise Console at startup.
 *
 * @public
 */
export interface EnterpriseConsoleSeedExtensionPoint {
  addSeeder(seeder: EnterpriseConsoleSeeder): void;
}

/**
 * The extension point through which modules add seeders.
 *
 * @public
 */
export const enterpriseConsoleSeedExtensionPoint =
  createExtensionPoint<EnterpriseConsoleSeedExtensionPoint>({
    id: 'enterprise-console.seed',
  });
