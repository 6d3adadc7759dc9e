import { InputError } from '@backstage/errors';
import { Account } from '@internal/plugin-enterprise-console-common';
import Router from 'express-promise-router';
import { parseLimit } from '../../lib/cursor';
import { Authorizer } from '../../permissions/authorize';
import { authorizeConsoleAccount } from '../../permissions/authorizeConsoleAccount';
import { rejectUnknownQuery } from '../../lib/validation';
import {
  SMS_SORTS,
  SmsMessageStore,
  SmsSort,
  SortOrder,
} from './SmsMessageStore';
import { SMS_FILTER_NAMES } from './smsFilters';

/** A page of the SMS table unless the request asks for another size. */
export const DEFAULT_SMS_PAGE_SIZE = 50;

function accountIdOf(query: Record<string, unknown>): string {
  const { accountId } = query;
  if (typeof accountId !== 'string' || accountId === '') {
    throw new InputError('Invalid query: accountId is required');
  }
  return accountId;
}

function oneOf<T extends string>(
  value: unknown,
  allowed: readonly T[],
  field: string,
  fallback: T,
): T {
  if (value === undefined || value === '') {
    return fallback;
  }
  if (
    typeof value !== 'string' ||
    !(allowed as readonly string[]).includes(value)
  ) {
    throw new InputError(`${field} must be one of ${allowed.join(', ')}`);
  }
  return value as T;
}

/**
 * The SMS detailed report as a table (console.read on the account):
 *
 * - `GET /v1/sms?accountId&<filters>&sort&order&limit&cursor` — a page of
 *   messages with the report's filters, sorted on the server (`sort` one of
 *   SMS_SORTS, default `sentAt`: the report's order; `order` asc|desc),
 *   `{ items, nextCursor, totalCount }`;
 * - `GET /v1/sms/gateways?accountId` — the gateways the account's messages
 *   name, for the gateway filter.
 */
export function createSmsRouter(options: {
  authorizer: Authorizer;
  accounts: { get(id: string): Promise<Account | undefined> };
  messages: SmsMessageStore;
  now?: () => Date;
}) {
  const { messages } = options;
  const now = options.now ?? (() => new Date());
  const router = Router();

  router.get('/v1/sms', async (req, res) => {
    const account = await authorizeConsoleAccount(
      req,
      accountIdOf(req.query),
      options,
    );
    const { query } = req;
    rejectUnknownQuery(query, [
      'accountId',
      ...SMS_FILTER_NAMES,
      'sort',
      'order',
      'limit',
      'cursor',
    ]);
    const filter = await messages.resolveFilters(query, account.id, now());
    const sort = oneOf<SmsSort>(query.sort, SMS_SORTS, 'sort', 'sentAt');
    const order = oneOf<SortOrder>(
      query.order,
      ['asc', 'desc'],
      'order',
      'asc',
    );
    const limit =
      query.limit === undefined
        ? DEFAULT_SMS_PAGE_SIZE
        : parseLimit(query.limit);
    const cursor = query.cursor;
    if (
      cursor !== undefined &&
      (typeof cursor !== 'string' || cursor.length > 2000)
    ) {
      throw new InputError('Invalid cursor: not a cursor returned by this API');
    }
    res.json(
      await messages.list(account.id, filter, { sort, order, limit, cursor }),
    );
  });

  router.get('/v1/sms/gateways', async (req, res) => {
    const account = await authorizeConsoleAccount(
      req,
      accountIdOf(req.query),
      options,
    );
    rejectUnknownQuery(req.query, ['accountId']);
    res.json({ items: await messages.gateways(account.id) });
  });

  return router;
}
