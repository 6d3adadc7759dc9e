import { HttpAuthService } from '@backstage/backend-plugin-api';
import Router from 'express-promise-router';
import { parseLimit } from '../pagination/cursor';
import { AccountStore } from './AccountStore';

/** Routes over billing accounts. */
export function createAccountsRouter(options: {
  httpAuth: HttpAuthService;
  accounts: AccountStore;
}) {
  const { httpAuth, accounts } = options;
  const router = Router();

  router.get('/v1/accounts', async (req, res) => {
    await httpAuth.credentials(req, { allow: ['user', 'service'] });
    const limit = parseLimit(req.query.limit);
    const cursor =
      typeof req.query.cursor === 'string' ? req.query.cursor : undefined;
    res.json(await accounts.listSummaries({ limit, cursor }));
  });

  return router;
}
