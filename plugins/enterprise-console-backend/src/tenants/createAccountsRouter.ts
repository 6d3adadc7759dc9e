import {
  enterpriseConsoleAccountListPermission,
  enterpriseConsoleConsoleReadPermission,
  enterpriseConsoleReportExportPermission,
  enterpriseConsoleScheduleManagePermission,
} from '@internal/plugin-enterprise-console-common';
import { allowAll, PermissionFilter } from '../permissions/criteriaToKnex';
import Router from 'express-promise-router';
import { parseLimit } from '../lib/cursor';
import { Authorizer } from '../permissions/authorize';
import { AccountStore } from './AccountStore';

/**
 * The permissions that let a caller work in an account's console: whoever
 * holds one of them on an account needs it in the account picker (a
 * report manager holds only report.export and schedule.manage).
 */
const ACCOUNT_WORK_PERMISSIONS = [
  enterpriseConsoleConsoleReadPermission,
  enterpriseConsoleReportExportPermission,
  enterpriseConsoleScheduleManagePermission,
];

/** Rows any of the filters keeps. */
function anyOf(filters: PermissionFilter[]): PermissionFilter {
  return (query, table) =>
    query.where(group => {
      for (const filter of filters) {
        group.orWhere(inner => filter(inner, table));
      }
    });
}

/** Routes over billing accounts. */
export function createAccountsRouter(options: {
  authorizer: Authorizer;
  accounts: AccountStore;
}) {
  const { authorizer, accounts } = options;
  const router = Router();

  router.get('/v1/accounts', async (req, res) => {
    // Only accounts where the caller may read the console, export reports
    // or manage schedules (each decision a filter in SQL, never after
    // paging); none when denied; all of them for those who may list
    // accounts (the catalog), which gives no console data.
    const decisions = [];
    for (const permission of ACCOUNT_WORK_PERMISSIONS) {
      decisions.push(await authorizer.authorizeList(req, permission));
    }
    const { credentials } = decisions[0];
    let filter: PermissionFilter;
    if (decisions.some(decision => decision.result === 'allow')) {
      filter = allowAll;
    } else if (
      await authorizer.isAllowed(
        credentials,
        enterpriseConsoleAccountListPermission,
      )
    ) {
      filter = allowAll;
    } else {
      filter = anyOf(decisions.map(decision => decision.filter));
    }
    const limit = parseLimit(req.query.limit);
    const cursor =
      typeof req.query.cursor === 'string' ? req.query.cursor : undefined;
    res.json(await accounts.listSummaries({ limit, cursor, filter }));
  });

  return router;
}
