/**
 * Types, permissions and report definitions shared by the Enterprise Console
 * frontend and backend.
 *
 * @packageDocumentation
 */

export * from './billing';
export * from './ingest';
export * from './permissions';
export * from './reports';
export * from './schedules';
export * from './settings';
export * from './tenants';

/**
 * The paths, operations and schemas of the backend's openapi.yaml, as
 * generated into ./generated/models.ts: the one source of the wire types.
 * The backend's endpoint map reads them; the named types above are
 * derived from them.
 *
 * @public
 */
export type {
  paths as EnterpriseConsoleApiPaths,
  operations as EnterpriseConsoleApiOperations,
  components as EnterpriseConsoleApiComponents,
} from './generated/models';
