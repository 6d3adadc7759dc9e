import {
  createServiceFactory,
  createServiceRef,
} from '@backstage/backend-plugin-api';

/**
 * The time the Enterprise Console backend goes by where a test must control
 * it: scheduled reports come due by it.
 *
 * @public
 */
export interface EnterpriseConsoleClock {
  /** The current instant. */
  now(): Date;
}

/**
 * The Enterprise Console's clock. Its default reads the system time; a test
 * or a tool replaces it by adding its own factory for this ref to the
 * backend, e.g. one clock shared by several test backends.
 *
 * @public
 */
export const enterpriseConsoleClockServiceRef =
  createServiceRef<EnterpriseConsoleClock>({
    id: 'enterprise-console.clock',
    scope: 'root',
    defaultFactory: async service =>
      createServiceFactory({
        service,
        deps: {},
        factory: () => ({ now: () => new Date() }),
      }),
  });
