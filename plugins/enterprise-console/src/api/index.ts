export * from './EnterpriseConsoleApi';
export * from './EnterpriseConsoleClient';
