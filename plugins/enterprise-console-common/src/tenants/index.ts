export * from './identifiers';
export * from './types';
