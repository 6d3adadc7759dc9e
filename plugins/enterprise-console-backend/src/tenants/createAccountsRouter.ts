import {
  enterpriseConsoleAccountListPermission,
  enterpriseConsoleConsoleReadPermission,
} from '@internal/plugin-enterprise-console-common';
import { allowAll } from '../permissions/criteriaToKnex';
import Router from 'express-promise-router';
import { parseLimit } from '../lib/cursor';
import { Authorizer } from '../permissions/authorize';
import { AccountStore } from './AccountStore';

/** Routes over billing accounts. */
export function createAccountsRouter(options: {
  authorizer: Authorizer;
  accounts: AccountStore;
}) {
  const { authorizer, accounts } = options;
  const router = Router();

  router.get('/v1/accounts', async (req, res) => {
    // Only accounts whose console the caller may read; none when denied;
    // all of them for those who may list accounts (the catalog), which
    // gives no console data.
    const decision = await authorizer.authorizeList(
      req,
      enterpriseConsoleConsoleReadPermission,
    );
    const filter =
      decision.result !== 'allow' &&
      (await authorizer.isAllowed(
        decision.credentials,
        enterpriseConsoleAccountListPermission,
      ))
        ? allowAll
        : decision.filter;
    const limit = parseLimit(req.query.limit);
    const cursor =
      typeof req.query.cursor === 'string' ? req.query.cursor : undefined;
    res.json(await accounts.listSummaries({ limit, cursor, filter }));
  });

  return router;
}
