import {
  BackendFeature,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { EnterpriseConsoleDataWriter } from '../dataWriter';
import { enterpriseConsoleSeedExtensionPoint } from '../extensions';

/**
 * A backend module that seeds the Enterprise Console at startup, for tests
 * that start the real backend plugin with `startTestBackend`.
 *
 * @public
 */
export function createSeedModule(
  moduleId: string,
  seed: (writer: EnterpriseConsoleDataWriter) => Promise<void>,
): BackendFeature {
  return createBackendModule({
    pluginId: 'enterprise-console',
    moduleId,
    register(reg) {
      reg.registerInit({
        deps: { seeds: enterpriseConsoleSeedExtensionPoint },
        async init({ seeds }) {
          seeds.addSeeder({ name: moduleId, seed });
        },
      });
    },
  });
}
