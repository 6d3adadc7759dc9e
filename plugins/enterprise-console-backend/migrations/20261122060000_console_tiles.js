// @ts-check

/**
 * Pre-aggregated counts for the dashboard tiles (reports.md: "Totals are
 * fast (indexed or pre-aggregated)"). An enterprise of 2,000 tenants has
 * 2M forms a month: counting them joined to their workers takes over a
 * second, summing 720 hourly counts of the account takes a millisecond.
 * Triggers keep the counts, so every write path (ingestion, seeding,
 * cascades) maintains them in the same transaction as the rows.
 *
 * - tile_counts: per account, metric and hour (hours since the epoch, UTC)
 *   the number of SMS (`sms`, by sent_at) and of non-system forms
 *   (`forms`, by submitted_at, whoever submitted them); and, with hour 0,
 *   active web users (`web-users`), active mobile workers
 *   (`mobile-workers`) and data feeds (`feeds`).
 * - tile_form_user_exceptions: every (tenant, user id) that a non-system
 *   form names and that was not a mobile worker when a write looked — a
 *   superset of the users whose forms the tile must not count. The tile
 *   subtracts the forms of those that are not mobile workers when it reads.
 *   Keeping the worker rule out of the counts means no count depends on two
 *   tables, so concurrent writes of forms and users cannot make it drift.
 *
 * A tenant that moves to another account takes its counts along, and a
 * deleted tenant takes them away: both recount the tenant's rows.
 *
 * PostgreSQL: statement-level triggers (one aggregate write per ingested
 * batch). They hold the batch's tenants FOR KEY SHARE (as the foreign key
 * checks of inserted rows already do), and a unique index on tenants (id,
 * account_id) makes a move to another account a key update, which waits
 * for those writers: a tenant cannot move between a writer reading its
 * account and committing, and writers never block one another on it. A count row is updated only if no other transaction holds
 * it (SKIP LOCKED); otherwise another row for the same key is added, so
 * triggers never wait for each other on counts and cannot deadlock there.
 * Readers sum all rows of a key; a key has at most as many rows as writers
 * ever held it at once. SQLite has one writer: row-level triggers upsert
 * one row per key.
 */

/**
 * @typedef {{ hour: (column: string) => string }} Dialect
 * @typedef {{ forms?: string, sms?: string, users?: string, feeds?: string }} Rows
 */

/** @type {Dialect} */
const POSTGRES = {
  hour: column => `floor(extract(epoch FROM ${column}) / 3600)::integer`,
};

/**
 * Times are epoch milliseconds in SQLite; rounds down before 1970 too.
 *
 * @type {Dialect}
 */
const SQLITE = {
  hour: column =>
    `((${column} - ((${column} % 3600000) + 3600000) % 3600000) / 3600000)`,
};

/** @type {Rows} */
const ALL_ROWS = {
  forms: 'form_submissions',
  sms: 'sms_messages',
  users: 'users',
  feeds: 'data_feeds',
};

/**
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  const isPostgres = knex.client.config.client === 'pg';
  const dialect = isPostgres ? POSTGRES : SQLITE;

  /**
   * @param {import('knex').Knex.CreateTableBuilder} table
   * @param {string} name
   * @param {number} length
   */
  function byteOrderedString(table, name, length) {
    return isPostgres
      ? table.specificType(name, `varchar(${length}) COLLATE "C"`)
      : table.string(name, length);
  }

  await knex.schema.createTable('tile_counts', table => {
    table.bigIncrements('id');
    byteOrderedString(table, 'account_id', 63)
      .notNullable()
      .references('id')
      .inTable('accounts')
      .onDelete('CASCADE');
    table.string('metric', 16).notNullable();
    // 0 for the metrics that are not counted by time.
    table.integer('hour').notNullable();
    table.bigInteger('n').notNullable();
    if (isPostgres) {
      table.index(['account_id', 'metric', 'hour'], 'tile_counts_key_idx');
    } else {
      table.unique(['account_id', 'metric', 'hour'], {
        indexName: 'tile_counts_key_idx',
      });
    }
  });

  await knex.schema.createTable('tile_form_user_exceptions', table => {
    byteOrderedString(table, 'tenant_id', 63)
      .notNullable()
      .references('id')
      .inTable('tenants')
      .onDelete('CASCADE');
    byteOrderedString(table, 'user_id', 128).notNullable();
    table.index(['tenant_id', 'user_id'], 'tile_form_user_exceptions_idx');
  });

  // The tile counts the non-system forms of each exception in the range,
  // from this index alone (the same statement on both dialects).
  await knex.raw(`
    CREATE INDEX forms_user_idx ON form_submissions (tenant_id, user_id, submitted_at)
    WHERE NOT system`);

  if (isPostgres) {
    await createPostgresTriggers(knex);
  } else {
    await createSqliteTriggers(knex);
  }

  // Counts of the rows already there.
  await knex.raw(`
    INSERT INTO tile_counts (account_id, metric, hour, n)
    SELECT t.account_id, c.metric, c.hour, sum(c.n)
    FROM (${contributions(dialect, ALL_ROWS, 1)}) c
    JOIN tenants t ON t.id = c.tenant_id
    GROUP BY t.account_id, c.metric, c.hour`);
  await knex.raw(`
    INSERT INTO tile_form_user_exceptions (tenant_id, user_id)
    SELECT DISTINCT f.tenant_id, f.user_id FROM form_submissions f
    WHERE NOT f.system AND NOT EXISTS (${isMobileWorker(
      'f.tenant_id',
      'f.user_id',
    )})`);
};

/**
 * What rows add to the counts, as (tenant_id, metric, hour, n) with n =
 * `sign` per counted row: the one definition the triggers, the backfill and
 * the recount of a moved tenant share.
 *
 * @param {Dialect} dialect
 * @param {Rows} rows the row sources (tables or transition tables) by kind
 * @param {number} sign
 * @param {string} where an extra condition on every source, e.g. a tenant
 */
function contributions(dialect, rows, sign, where = 'true') {
  /** @type {string[]} */
  const parts = [];
  /**
   * @param {string} metric
   * @param {string} hour
   * @param {string} from
   * @param {string} condition
   */
  const part = (metric, hour, from, condition) =>
    parts.push(`SELECT tenant_id, ${metric} AS metric, ${hour} AS hour, ${sign} AS n
      FROM ${from} WHERE ${condition} AND ${where}`);
  if (rows.forms) {
    part(`'forms'`, dialect.hour('submitted_at'), rows.forms, 'NOT system');
  }
  if (rows.sms) {
    part(`'sms'`, dialect.hour('sent_at'), rows.sms, 'true');
  }
  if (rows.users) {
    part(
      `CASE kind WHEN 'web' THEN 'web-users' ELSE 'mobile-workers' END`,
      '0',
      rows.users,
      `status = 'active' AND kind IN ('web', 'mobile')`,
    );
  }
  if (rows.feeds) {
    part(`'feeds'`, '0', rows.feeds, 'true');
  }
  return parts.join(' UNION ALL ');
}

/**
 * @param {string} tenantId
 * @param {string} userId
 */
function isMobileWorker(tenantId, userId) {
  return `SELECT 1 FROM users u WHERE u.tenant_id = ${tenantId} AND u.id = ${userId} AND u.kind = 'mobile'`;
}

/**
 * @param {string} tenantId
 * @param {string} userId
 */
function isException(tenantId, userId) {
  return `SELECT 1 FROM tile_form_user_exceptions x WHERE x.tenant_id = ${tenantId} AND x.user_id = ${userId}`;
}

/** @param {import('knex').Knex} knex */
async function createPostgresTriggers(knex) {
  // With account_id in a unique index, changing it is a key update: it
  // locks the tenant FOR UPDATE, which waits for every FOR KEY SHARE.
  await knex.raw(
    'CREATE UNIQUE INDEX tenants_id_account_key ON tenants (id, account_id)',
  );

  // Adds deltas to the counts, without ever waiting for a row lock.
  await knex.raw(`
    CREATE FUNCTION tile_add_counts(
      p_account_ids text[], p_metrics text[], p_hours integer[], p_deltas bigint[]
    ) RETURNS void LANGUAGE sql AS $$
      WITH delta AS (
        SELECT d.account_id, d.metric, d.hour, d.n
        FROM unnest(p_account_ids, p_metrics, p_hours, p_deltas) AS d(account_id, metric, hour, n)
        -- An account deleted by this very statement takes its counts along.
        WHERE d.n <> 0 AND EXISTS (SELECT 1 FROM accounts a WHERE a.id = d.account_id)
      ), claimed AS (
        SELECT delta.account_id, delta.metric, delta.hour, delta.n, held.id
        FROM delta CROSS JOIN LATERAL (
          SELECT c.id FROM tile_counts c
          WHERE c.account_id = delta.account_id AND c.metric = delta.metric AND c.hour = delta.hour
          LIMIT 1 FOR UPDATE SKIP LOCKED
        ) held
      ), updated AS (
        UPDATE tile_counts c SET n = c.n + claimed.n
        FROM claimed WHERE c.id = claimed.id
      )
      INSERT INTO tile_counts (account_id, metric, hour, n)
      SELECT delta.account_id, delta.metric, delta.hour, delta.n FROM delta
      WHERE NOT EXISTS (
        SELECT 1 FROM claimed
        WHERE claimed.account_id = delta.account_id AND claimed.metric = delta.metric AND claimed.hour = delta.hour
      )
    $$`);

  /**
   * Adds the contributions of `source` (tenant_id, metric, hour, n rows) to
   * the counts of their tenants' accounts.
   *
   * @param {string} source
   */
  const addToAccounts = source => `
    PERFORM tile_add_counts(
      array_agg(s.account_id), array_agg(s.metric), array_agg(s.hour), array_agg(s.n))
    FROM (
      SELECT t.account_id::text AS account_id, c.metric::text AS metric, c.hour, sum(c.n)::bigint AS n
      FROM (${source}) c JOIN tenants t ON t.id = c.tenant_id
      GROUP BY 1, 2, 3 ORDER BY 1, 2, 3
    ) s;`;

  /**
   * Holds the tenants of the changed rows until commit, so that none moves
   * to another account meanwhile (a move waits, then recounts). Inserts
   * hold them already (foreign key checks); this costs nothing then. A
   * tenant being deleted by this statement is not found, and its rows add
   * nothing.
   *
   * @param {string[]} transitionTables
   */
  const holdTenants = transitionTables => `
    PERFORM 1 FROM tenants WHERE id IN (${transitionTables
      .map(rows => `SELECT tenant_id FROM ${rows}`)
      .join(' UNION ')}) ORDER BY id FOR KEY SHARE;`;

  /**
   * The counting triggers of one table: inserts add, deletes subtract,
   * updates do both.
   *
   * @param {string} table
   * @param {'forms' | 'sms' | 'users' | 'feeds'} kind
   * @param {{ afterInsert?: string, afterUpdate?: string, afterDelete?: string }} extra
   */
  async function countingTriggers(table, kind, extra = {}) {
    const events = [
      {
        event: 'INSERT',
        transitions: 'NEW TABLE AS new_rows',
        tables: ['new_rows'],
        source: contributions(POSTGRES, { [kind]: 'new_rows' }, 1),
        extra: extra.afterInsert ?? '',
      },
      {
        event: 'UPDATE',
        transitions: 'OLD TABLE AS old_rows NEW TABLE AS new_rows',
        tables: ['old_rows', 'new_rows'],
        source: `${contributions(
          POSTGRES,
          { [kind]: 'old_rows' },
          -1,
        )} UNION ALL ${contributions(POSTGRES, { [kind]: 'new_rows' }, 1)}`,
        extra: extra.afterUpdate ?? '',
      },
      {
        event: 'DELETE',
        transitions: 'OLD TABLE AS old_rows',
        tables: ['old_rows'],
        source: contributions(POSTGRES, { [kind]: 'old_rows' }, -1),
        extra: extra.afterDelete ?? '',
      },
    ];
    for (const { event, transitions, tables, source, extra: more } of events) {
      const name = `tile_${kind}_${event.toLowerCase()}`;
      await knex.raw(`
        CREATE FUNCTION ${name}() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          ${holdTenants(tables)}
          ${addToAccounts(source)}
          ${more}
          RETURN NULL;
        END
        $$`);
      await knex.raw(`
        CREATE TRIGGER ${name} AFTER ${event} ON ${table}
        REFERENCING ${transitions} FOR EACH STATEMENT EXECUTE FUNCTION ${name}()`);
    }
  }

  const noteFormsOfNonWorkers = `
    INSERT INTO tile_form_user_exceptions (tenant_id, user_id)
    SELECT DISTINCT f.tenant_id, f.user_id FROM new_rows f
    WHERE NOT f.system
      AND EXISTS (SELECT 1 FROM tenants t WHERE t.id = f.tenant_id)
      AND NOT EXISTS (${isMobileWorker('f.tenant_id', 'f.user_id')})
      AND NOT EXISTS (${isException('f.tenant_id', 'f.user_id')});`;

  await countingTriggers('form_submissions', 'forms', {
    afterInsert: noteFormsOfNonWorkers,
    afterUpdate: noteFormsOfNonWorkers,
  });
  await countingTriggers('sms_messages', 'sms');
  await countingTriggers('data_feeds', 'feeds');
  // A mobile worker needs no exception; one that stops being one does.
  await countingTriggers('users', 'users', {
    afterInsert: `
      DELETE FROM tile_form_user_exceptions x USING new_rows u
      WHERE u.kind = 'mobile' AND x.tenant_id = u.tenant_id AND x.user_id = u.id;`,
    afterUpdate: `
      DELETE FROM tile_form_user_exceptions x USING new_rows u, old_rows o
      WHERE u.kind = 'mobile' AND o.kind <> 'mobile'
        AND o.tenant_id = u.tenant_id AND o.id = u.id
        AND x.tenant_id = u.tenant_id AND x.user_id = u.id;
      INSERT INTO tile_form_user_exceptions (tenant_id, user_id)
      SELECT DISTINCT o.tenant_id, o.id FROM old_rows o JOIN new_rows u
        ON u.tenant_id = o.tenant_id AND u.id = o.id
      WHERE o.kind = 'mobile' AND u.kind <> 'mobile'
        AND NOT EXISTS (${isException('o.tenant_id', 'o.id')});`,
    afterDelete: `
      INSERT INTO tile_form_user_exceptions (tenant_id, user_id)
      SELECT DISTINCT o.tenant_id, o.id FROM old_rows o
      WHERE o.kind = 'mobile'
        AND EXISTS (SELECT 1 FROM tenants t WHERE t.id = o.tenant_id)
        AND NOT EXISTS (${isException('o.tenant_id', 'o.id')});`,
  });

  /**
   * Adds `sign` times everything a tenant's rows count to an account.
   *
   * @param {string} accountId
   * @param {string} tenantId
   * @param {number} sign
   */
  const recountTenant = (accountId, tenantId, sign) => `
    PERFORM tile_add_counts(
      array_agg(${accountId}::text), array_agg(s.metric), array_agg(s.hour), array_agg(s.n))
    FROM (
      SELECT c.metric::text AS metric, c.hour, sum(c.n)::bigint AS n
      FROM (${contributions(
        POSTGRES,
        ALL_ROWS,
        sign,
        `tenant_id = ${tenantId}`,
      )}) c
      GROUP BY 1, 2 ORDER BY 1, 2
    ) s;`;

  // The tenant's row is locked here (writers of its rows hold it FOR KEY
  // SHARE until they commit), and this recount sees every committed row.
  await knex.raw(`
    CREATE FUNCTION tile_tenant_moved() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      ${recountTenant('OLD.account_id', 'OLD.id', -1)}
      ${recountTenant('NEW.account_id', 'NEW.id', 1)}
      RETURN NULL;
    END
    $$`);
  await knex.raw(`
    CREATE TRIGGER tile_tenant_moved AFTER UPDATE OF account_id ON tenants
    FOR EACH ROW WHEN (OLD.account_id IS DISTINCT FROM NEW.account_id)
    EXECUTE FUNCTION tile_tenant_moved()`);
  // Before the cascade deletes the rows that are to be subtracted.
  await knex.raw(`
    CREATE FUNCTION tile_tenant_deleted() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      ${recountTenant('OLD.account_id', 'OLD.id', -1)}
      RETURN OLD;
    END
    $$`);
  await knex.raw(`
    CREATE TRIGGER tile_tenant_deleted BEFORE DELETE ON tenants
    FOR EACH ROW EXECUTE FUNCTION tile_tenant_deleted()`);
}

/** @param {import('knex').Knex} knex */
async function createSqliteTriggers(knex) {
  /**
   * Adds the contributions of one row (NEW or OLD) to its tenant's
   * account; nothing once the tenant is gone (a cascade).
   *
   * @param {'forms' | 'sms' | 'users' | 'feeds'} kind
   * @param {'NEW' | 'OLD'} row
   * @param {number} sign
   */
  const addRow = (kind, row, sign) => {
    const rowSource = {
      forms: `(SELECT ${row}.tenant_id AS tenant_id, ${row}.submitted_at AS submitted_at, ${row}.system AS system)`,
      sms: `(SELECT ${row}.tenant_id AS tenant_id, ${row}.sent_at AS sent_at)`,
      users: `(SELECT ${row}.tenant_id AS tenant_id, ${row}.kind AS kind, ${row}.status AS status)`,
      feeds: `(SELECT ${row}.tenant_id AS tenant_id)`,
    }[kind];
    return `
      INSERT INTO tile_counts (account_id, metric, hour, n)
      SELECT t.account_id, c.metric, c.hour, c.n
      FROM (${contributions(SQLITE, { [kind]: rowSource }, sign)}) c
      JOIN tenants t ON t.id = c.tenant_id
      WHERE true
      ON CONFLICT (account_id, metric, hour) DO UPDATE SET n = n + excluded.n;`;
  };
  /**
   * @param {string} accountId
   * @param {string} tenantId
   * @param {number} sign
   */
  const recountTenant = (accountId, tenantId, sign) => `
    INSERT INTO tile_counts (account_id, metric, hour, n)
    SELECT a.id, c.metric, c.hour, sum(c.n)
    FROM (${contributions(SQLITE, ALL_ROWS, sign, `tenant_id = ${tenantId}`)}) c
    JOIN accounts a ON a.id = ${accountId}
    WHERE true
    GROUP BY a.id, c.metric, c.hour
    ON CONFLICT (account_id, metric, hour) DO UPDATE SET n = n + excluded.n;`;
  const noteFormOfNonWorker = `
    INSERT INTO tile_form_user_exceptions (tenant_id, user_id)
    SELECT NEW.tenant_id, NEW.user_id
    WHERE NOT NEW.system
      AND EXISTS (SELECT 1 FROM tenants t WHERE t.id = NEW.tenant_id)
      AND NOT EXISTS (${isMobileWorker('NEW.tenant_id', 'NEW.user_id')})
      AND NOT EXISTS (${isException('NEW.tenant_id', 'NEW.user_id')});`;
  const forgetException = `
    DELETE FROM tile_form_user_exceptions
    WHERE tenant_id = NEW.tenant_id AND user_id = NEW.id;`;
  const noteException = `
    INSERT INTO tile_form_user_exceptions (tenant_id, user_id)
    SELECT OLD.tenant_id, OLD.id
    WHERE EXISTS (SELECT 1 FROM tenants t WHERE t.id = OLD.tenant_id)
      AND NOT EXISTS (${isException('OLD.tenant_id', 'OLD.id')});`;

  const triggers = {
    tile_forms_insert: `AFTER INSERT ON form_submissions BEGIN
      ${addRow('forms', 'NEW', 1)} ${noteFormOfNonWorker} END`,
    tile_forms_update: `AFTER UPDATE ON form_submissions BEGIN
      ${addRow('forms', 'OLD', -1)} ${addRow('forms', 'NEW', 1)}
      ${noteFormOfNonWorker} END`,
    tile_forms_delete: `AFTER DELETE ON form_submissions BEGIN
      ${addRow('forms', 'OLD', -1)} END`,
    tile_sms_insert: `AFTER INSERT ON sms_messages BEGIN
      ${addRow('sms', 'NEW', 1)} END`,
    tile_sms_update: `AFTER UPDATE OF sent_at ON sms_messages BEGIN
      ${addRow('sms', 'OLD', -1)} ${addRow('sms', 'NEW', 1)} END`,
    tile_sms_delete: `AFTER DELETE ON sms_messages BEGIN
      ${addRow('sms', 'OLD', -1)} END`,
    tile_feeds_insert: `AFTER INSERT ON data_feeds BEGIN
      ${addRow('feeds', 'NEW', 1)} END`,
    tile_feeds_delete: `AFTER DELETE ON data_feeds BEGIN
      ${addRow('feeds', 'OLD', -1)} END`,
    tile_users_insert: `AFTER INSERT ON users BEGIN
      ${addRow('users', 'NEW', 1)} END`,
    tile_users_insert_worker: `AFTER INSERT ON users
      WHEN NEW.kind = 'mobile' BEGIN ${forgetException} END`,
    tile_users_update: `AFTER UPDATE OF kind, status ON users
      WHEN OLD.kind IS NOT NEW.kind OR OLD.status IS NOT NEW.status BEGIN
      ${addRow('users', 'OLD', -1)} ${addRow('users', 'NEW', 1)} END`,
    tile_users_became_worker: `AFTER UPDATE OF kind ON users
      WHEN NEW.kind = 'mobile' AND OLD.kind <> 'mobile' BEGIN
      ${forgetException} END`,
    tile_users_left_workers: `AFTER UPDATE OF kind ON users
      WHEN OLD.kind = 'mobile' AND NEW.kind <> 'mobile' BEGIN
      ${noteException} END`,
    tile_users_delete: `AFTER DELETE ON users BEGIN
      ${addRow('users', 'OLD', -1)} END`,
    tile_users_delete_worker: `AFTER DELETE ON users
      WHEN OLD.kind = 'mobile' BEGIN ${noteException} END`,
    tile_tenant_moved: `AFTER UPDATE OF account_id ON tenants
      WHEN OLD.account_id IS NOT NEW.account_id BEGIN
      ${recountTenant('OLD.account_id', 'OLD.id', -1)}
      ${recountTenant('NEW.account_id', 'NEW.id', 1)} END`,
    // Before the cascade deletes the rows that are to be subtracted.
    tile_tenant_deleted: `BEFORE DELETE ON tenants BEGIN
      ${recountTenant('OLD.account_id', 'OLD.id', -1)} END`,
  };
  for (const [name, definition] of Object.entries(triggers)) {
    await knex.raw(`CREATE TRIGGER ${name} ${definition}`);
  }
}

/** @type {Record<string, string[]>} */
const TRIGGERS_BY_TABLE = {
  form_submissions: ['forms'],
  sms_messages: ['sms'],
  data_feeds: ['feeds'],
  users: ['users'],
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  if (knex.client.config.client === 'pg') {
    for (const [table, kinds] of Object.entries(TRIGGERS_BY_TABLE)) {
      for (const kind of kinds) {
        for (const event of ['insert', 'update', 'delete']) {
          await knex.raw(`DROP TRIGGER tile_${kind}_${event} ON ${table}`);
          await knex.raw(`DROP FUNCTION tile_${kind}_${event}()`);
        }
      }
    }
    for (const name of ['tile_tenant_moved', 'tile_tenant_deleted']) {
      await knex.raw(`DROP TRIGGER ${name} ON tenants`);
      await knex.raw(`DROP FUNCTION ${name}()`);
    }
    await knex.raw(
      'DROP FUNCTION tile_add_counts(text[], text[], integer[], bigint[])',
    );
    await knex.raw('DROP INDEX tenants_id_account_key');
  } else {
    const triggers = await knex('sqlite_master')
      .where({ type: 'trigger' })
      .where('name', 'like', 'tile%')
      .pluck('name');
    for (const name of triggers) {
      await knex.raw(`DROP TRIGGER ??`, [name]);
    }
  }
  await knex.raw('DROP INDEX forms_user_idx');
  await knex.schema.dropTable('tile_form_user_exceptions');
  await knex.schema.dropTable('tile_counts');
};
