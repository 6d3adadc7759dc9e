import { HttpAuthService } from '@backstage/backend-plugin-api';
import express from 'express';
import Router from 'express-promise-router';
import { createHealthRouter } from './health/createHealthRouter';
import { AccountStore } from './tenants/AccountStore';
import { createAccountsRouter } from './tenants/createAccountsRouter';

/** The plugin's HTTP API: one router per area, mounted at /api/enterprise-console. */
export async function createRouter(options: {
  httpAuth: HttpAuthService;
  accounts: AccountStore;
}): Promise<express.Router> {
  const router = Router();
  router.use(express.json({ limit: '1mb' }));
  router.use(createHealthRouter());
  router.use(createAccountsRouter(options));
  return router;
}
