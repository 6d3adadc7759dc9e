import { PermissionCriteria } from '@backstage/plugin-permission-common';
import {
  isAndCriteria,
  isNotCriteria,
  isOrCriteria,
} from '@backstage/plugin-permission-node';
import {
  EnterpriseAccountQuery,
  EnterpriseTenantQuery,
} from '@internal/plugin-enterprise-console-node';
import { Knex } from 'knex';

/**
 * Adds where-clauses to a query so that it only returns rows the caller may
 * see. `table` is the name or alias the query gives the filtered table.
 */
export type PermissionFilter = (
  query: Knex.QueryBuilder,
  table: string,
) => void;

/** A filter that keeps every row: the caller was allowed outright. */
export const allowAll: PermissionFilter = () => {};

/** A filter that keeps no row: the caller was denied. */
export const denyAll: PermissionFilter = query => {
  query.whereRaw('1 = 0');
};

/** `lower(column) in (?, ?, …)` without relying on whereIn with raw columns. */
function whereLowerIn(
  query: Knex.QueryBuilder,
  column: string,
  values: readonly string[],
) {
  query.whereRaw(`lower(??) in (${values.map(() => '?').join(', ')})`, [
    column,
    ...values,
  ]);
}

/**
 * Walks an allOf/anyOf/not tree, nesting each node in its own parenthesised
 * group so that knex's and/or chaining can't change the meaning.
 */
function applyCriteria<TQuery>(
  query: Knex.QueryBuilder,
  criteria: PermissionCriteria<TQuery>,
  leaf: (query: Knex.QueryBuilder, condition: TQuery) => void,
): void {
  if (isAndCriteria(criteria)) {
    if (criteria.allOf.length === 0) {
      query.whereRaw('1 = 1');
      return;
    }
    query.where(group => {
      for (const child of criteria.allOf) {
        group.andWhere(inner => applyCriteria(inner, child, leaf));
      }
    });
  } else if (isOrCriteria(criteria)) {
    if (criteria.anyOf.length === 0) {
      query.whereRaw('1 = 0');
      return;
    }
    query.where(group => {
      for (const child of criteria.anyOf) {
        group.orWhere(inner => applyCriteria(inner, child, leaf));
      }
    });
  } else if (isNotCriteria(criteria)) {
    query.whereNot(inner => applyCriteria(inner, criteria.not, leaf));
  } else {
    leaf(query, criteria);
  }
}

/*
 * Every leaf adds at least one clause, and none can evaluate to NULL (NOT of
 * NULL is NULL, which would drop rows that `apply` keeps): columns that may
 * be NULL are coalesced, and empty value lists become a constant false.
 */

/** Filters accounts (`table` aliases the accounts table) by a criteria tree. */
export function accountCriteriaToFilter(
  db: Knex,
  criteria: PermissionCriteria<EnterpriseAccountQuery>,
): PermissionFilter {
  return (query, table) =>
    applyCriteria(query, criteria, (q, condition) => {
      switch (condition.kind) {
        case 'admin-ref':
          if (condition.refs.length === 0) {
            q.whereRaw('1 = 0');
            return;
          }
          q.whereExists(
            db('account_admins as pf_aa')
              .select(db.raw('1'))
              .whereRaw('?? = ??', ['pf_aa.account_id', `${table}.id`])
              .whereIn('pf_aa.ref', condition.refs),
          );
          return;
        case 'enterprise':
          q.where(`${table}.enterprise`, true);
          return;
        default:
          throw new Error(
            `Unknown account permission query ${JSON.stringify(condition)}`,
          );
      }
    });
}

/** Filters tenants (`table` aliases the tenants table) by a criteria tree. */
export function tenantCriteriaToFilter(
  db: Knex,
  criteria: PermissionCriteria<EnterpriseTenantQuery>,
): PermissionFilter {
  return (query, table) =>
    applyCriteria(query, criteria, (q, condition) => {
      switch (condition.kind) {
        case 'member': {
          const { usernames, emails, roles } = condition;
          if (usernames.length === 0 && emails.length === 0) {
            q.whereRaw('1 = 0');
            return;
          }
          const members = db('users as pf_u')
            .select(db.raw('1'))
            .whereRaw('?? = ??', ['pf_u.tenant_id', `${table}.id`])
            .where('pf_u.status', 'active')
            .where(who => {
              if (usernames.length > 0) {
                who.orWhere(inner =>
                  whereLowerIn(inner, 'pf_u.username', usernames),
                );
              }
              if (emails.length > 0) {
                who.orWhere(inner => whereLowerIn(inner, 'pf_u.email', emails));
              }
            });
          if (roles && roles.length > 0) {
            whereLowerIn(members, 'pf_u.role', roles);
          }
          q.whereExists(members);
          return;
        }
        case 'account':
          if (condition.accountIds.length === 0) {
            q.whereRaw('1 = 0');
            return;
          }
          q.whereIn(`${table}.account_id`, condition.accountIds);
          return;
        case 'account-admin':
          if (condition.refs.length === 0) {
            q.whereRaw('1 = 0');
            return;
          }
          q.whereExists(
            db('account_admins as pf_ta')
              .select(db.raw('1'))
              .whereRaw('?? = ??', ['pf_ta.account_id', `${table}.account_id`])
              .whereIn('pf_ta.ref', condition.refs),
          );
          return;
        case 'feature':
          q.whereExists(
            db('tenant_features as pf_tf')
              .select(db.raw('1'))
              .whereRaw('?? = ??', ['pf_tf.tenant_id', `${table}.id`])
              .where('pf_tf.feature', condition.feature),
          );
          return;
        case 'edition':
          q.whereRaw(`coalesce(??, '') = ?`, [
            `${table}.edition`,
            condition.edition,
          ]);
          return;
        default:
          throw new Error(
            `Unknown tenant permission query ${JSON.stringify(condition)}`,
          );
      }
    });
}

/** A list decision as {@link Authorizer.authorizeList} gives it. */
interface ListDecision {
  result: 'allow' | 'deny' | 'conditional';
  filter: PermissionFilter;
}

/**
 * Rows that pass any of the decisions' filters, as one OR group in the
 * query: allowed outright when one decision allows, nothing when all deny.
 */
export function anyOfFilters(decisions: ListDecision[]): ListDecision {
  if (decisions.some(decision => decision.result === 'allow')) {
    return { result: 'allow', filter: allowAll };
  }
  const conditional = decisions.filter(d => d.result === 'conditional');
  if (conditional.length === 0) {
    return { result: 'deny', filter: denyAll };
  }
  return {
    result: 'conditional',
    filter: (query, table) =>
      query.where(group => {
        for (const decision of conditional) {
          group.orWhere(inner => decision.filter(inner, table));
        }
      }),
  };
}

/**
 * Turns a decision over accounts into one over their tenants: a tenant
 * passes when its account does (a subquery on the accounts table).
 */
export function tenantsOfAccounts(decision: ListDecision): ListDecision {
  if (decision.result !== 'conditional') {
    return decision;
  }
  return {
    result: 'conditional',
    filter: (query, table) =>
      query.whereIn(`${table}.account_id`, accounts => {
        accounts.select('pf_la.id').from('accounts as pf_la');
        decision.filter(accounts, 'pf_la');
      }),
  };
}
