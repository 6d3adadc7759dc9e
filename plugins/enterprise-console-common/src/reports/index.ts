export * from './columns';
export * from './runs';
