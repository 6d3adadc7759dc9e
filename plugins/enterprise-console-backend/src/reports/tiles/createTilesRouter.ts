import {
  Account,
  CONSOLE_REPORT_TYPES,
  CONSOLE_REPORTS,
  ConsoleTiles,
} from '@internal/plugin-enterprise-console-common';
import Router from 'express-promise-router';
import { Authorizer } from '../../permissions/authorize';
import { resolveDateRange } from '../../lib/dateRange';
import { authorizeConsoleAccount } from '../../permissions/authorizeConsoleAccount';
import { rejectUnknownQuery } from '../../lib/validation';
import { ConsoleTileStore } from './ConsoleTileStore';

/** The range of the form and SMS tiles when the request gives none (reports.md). */
const DEFAULT_DAYS = 30;

/**
 * `GET /v1/accounts/{accountId}/tiles?from&to`: the dashboard's six totals
 * (console.read on the account). `from`/`to` are ISO 8601 times or dates,
 * at most 90 days apart, the last 30 days by default.
 */
export function createTilesRouter(options: {
  authorizer: Authorizer;
  accounts: { get(id: string): Promise<Account | undefined> };
  tiles: ConsoleTileStore;
  now?: () => Date;
}) {
  const { tiles } = options;
  const now = options.now ?? (() => new Date());
  const router = Router();

  router.get('/v1/accounts/:accountId/tiles', async (req, res) => {
    const account = await authorizeConsoleAccount(
      req,
      req.params.accountId,
      options,
    );
    rejectUnknownQuery(req.query, ['from', 'to']);
    const range = resolveDateRange(
      { from: req.query.from, to: req.query.to },
      { now: now(), defaultDays: DEFAULT_DAYS, maxDays: 90 },
    );
    const totals = await tiles.totals(account.id, range);
    const answer: ConsoleTiles = {
      accountId: account.id,
      from: range.from.toISOString(),
      to: range.to.toISOString(),
      tiles: CONSOLE_REPORT_TYPES.map(type => ({
        type,
        title: CONSOLE_REPORTS[type].tileTitle,
        total: totals[type],
        takesDateRange: CONSOLE_REPORTS[type].takesDateRange,
      })),
    };
    res.json(answer);
  });

  return router;
}
