/**
 * Types, permissions and report definitions shared by the Enterprise Console
 * frontend and backend.
 *
 * @packageDocumentation
 */

export * from './ingest';
export * from './permissions';
export * from './reports';
export * from './schedules';
export * from './settings';
export * from './tenants';
