/**
 * Extension points and types for backend modules of the Enterprise Console,
 * and the client other backend plugins call the console with.
 *
 * @packageDocumentation
 */

export * from './client';
export * from './clock';
export * from './dataWriter';
export * from './entitlements';
export * from './extensions';
export * from './html';
export * from './permissions';
