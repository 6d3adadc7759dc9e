export * from './types';
export * from './statementTypes';
