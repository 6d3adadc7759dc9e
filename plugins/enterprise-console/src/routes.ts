import { createRouteRef } from '@backstage/core-plugin-api';

/**
 * The Enterprise Console page; shared by both frontend systems.
 *
 * @public
 */
export const rootRouteRef = createRouteRef({ id: 'enterprise-console' });
