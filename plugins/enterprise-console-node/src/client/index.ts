export * from './EnterpriseConsoleServiceClient';
