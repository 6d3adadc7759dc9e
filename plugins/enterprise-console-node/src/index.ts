/**
 * Extension points and types for backend modules of the Enterprise Console.
 *
 * @packageDocumentation
 */

export * from './dataWriter';
export * from './extensions';
export * from './permissions';
