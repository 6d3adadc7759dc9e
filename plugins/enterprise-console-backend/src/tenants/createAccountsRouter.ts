import {
  enterpriseConsoleAccountListPermission,
  enterpriseConsoleBillingReadPermission,
  enterpriseConsoleConsoleReadPermission,
  enterpriseConsoleReportExportPermission,
  enterpriseConsoleScheduleManagePermission,
} from '@internal/plugin-enterprise-console-common';
import { allowAll, anyOfFilters } from '../permissions/criteriaToKnex';
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
    // Only accounts whose console the caller may read, or whose reports,
    // schedules or billing they handle (so report managers and billing
    // admins can pick the account);
    // none when denied; all of them for those who may list accounts (the
    // catalog), which gives no console data.
    const decisions = await Promise.all(
      [
        enterpriseConsoleConsoleReadPermission,
        enterpriseConsoleReportExportPermission,
        enterpriseConsoleScheduleManagePermission,
        enterpriseConsoleBillingReadPermission,
      ].map(permission => authorizer.authorizeList(req, permission)),
    );
    const decision = anyOfFilters(decisions);
    const filter =
      decision.result !== 'allow' &&
      (await authorizer.isAllowed(
        decisions[0].credentials,
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
