export * from './EnterpriseConsoleApi';
export * from './EnterpriseConsoleFrontendClient';
