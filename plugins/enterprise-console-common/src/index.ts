/**
 * Types, permissions and report definitions shared by the Enterprise Console
 * frontend and backend.
 *
 * @packageDocumentation
 */

export * from './tenants';
