export * from './catalog';
export * from './identifiers';
export * from './types';
