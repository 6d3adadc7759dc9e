// @ts-check

/**
 * Pre-aggregated counts for the dashboard tiles (reports.md: "Totals are
 * fast (indexed or pre-aggregated)"). Counting 2M forms joined to their
 * workers takes over a second; summing a count per tenant and UTC day takes
 * milliseconds. Triggers keep the counts, so every write path (ingestion,
 * seeding, cascades) maintains them in the same transaction as the rows.
 *
 * - tile_daily_counts: per tenant, metric and UTC day (days since the epoch)
 *   the number of SMS (`sms`, by sent_at) and of non-system forms (`forms`,
 *   by submitted_at, whoever submitted them).
 * - tile_form_user_exceptions: every (tenant, user id) that a non-system
 *   form names and that was not a mobile worker when a write looked — a
 *   superset of the users whose forms the tile must not count. The tile
 *   subtracts the forms of those that are not mobile workers when it reads.
 *   Keeping the worker rule out of the counts means no count depends on two
 *   tables, so concurrent writes of forms and users cannot make it drift.
 *
 * PostgreSQL: statement-level triggers (one aggregate write per ingested
 * batch). A count row is updated only if no other transaction holds it
 * (SKIP LOCKED); otherwise another row for the same key is added. Triggers
 * therefore never wait for one another and cannot deadlock; readers sum all
 * rows of a key, and a key has at most as many rows as writers ever held it
 * at once. SQLite has one writer: row-level triggers upsert one row per key.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  const isPostgres = knex.client.config.client === 'pg';

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

  /** @param {import('knex').Knex.CreateTableBuilder} table */
  function tenantReference(table) {
    byteOrderedString(table, 'tenant_id', 63)
      .notNullable()
      .references('id')
      .inTable('tenants')
      .onDelete('CASCADE');
  }

  await knex.schema.createTable('tile_daily_counts', table => {
    table.bigIncrements('id');
    tenantReference(table);
    table.string('metric', 10).notNullable();
    table.integer('day').notNullable();
    table.bigInteger('n').notNullable();
    if (isPostgres) {
      table.index(['tenant_id', 'metric', 'day'], 'tile_daily_counts_key_idx');
    } else {
      table.unique(['tenant_id', 'metric', 'day'], {
        indexName: 'tile_daily_counts_key_idx',
      });
    }
  });

  await knex.schema.createTable('tile_form_user_exceptions', table => {
    tenantReference(table);
    byteOrderedString(table, 'user_id', 128).notNullable();
    table.index(['tenant_id', 'user_id'], 'tile_form_user_exceptions_idx');
  });

  // The tile counts the non-system forms of each exception in the range.
  await knex.schema.alterTable('form_submissions', table => {
    table.index(['tenant_id', 'user_id', 'submitted_at'], 'forms_user_idx');
  });

  if (isPostgres) {
    await createPostgresTriggers(knex);
  } else {
    await createSqliteTriggers(knex);
  }
  await backfill(knex, isPostgres);
};

/**
 * @param {import('knex').Knex} knex
 * @param {boolean} isPostgres
 */
async function backfill(knex, isPostgres) {
  const day = isPostgres
    ? (/** @type {string} */ column) =>
        `floor(extract(epoch FROM ${column}) / 86400)::integer`
    : sqliteDay;
  await knex.raw(`
    INSERT INTO tile_daily_counts (tenant_id, metric, day, n)
    SELECT tenant_id, 'forms', ${day('submitted_at')}, count(*)
    FROM form_submissions WHERE NOT system GROUP BY tenant_id, ${day(
      'submitted_at',
    )}`);
  await knex.raw(`
    INSERT INTO tile_daily_counts (tenant_id, metric, day, n)
    SELECT tenant_id, 'sms', ${day('sent_at')}, count(*)
    FROM sms_messages GROUP BY tenant_id, ${day('sent_at')}`);
  await knex.raw(`
    INSERT INTO tile_form_user_exceptions (tenant_id, user_id)
    SELECT DISTINCT f.tenant_id, f.user_id FROM form_submissions f
    WHERE NOT f.system AND NOT EXISTS (${isMobileWorker(
      'f.tenant_id',
      'f.user_id',
    )})`);
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

/**
 * The UTC day of epoch milliseconds (how SQLite stores times), rounding
 * down also before 1970.
 *
 * @param {string} column
 */
function sqliteDay(column) {
  return `((${column} - ((${column} % 86400000) + 86400000) % 86400000) / 86400000)`;
}

/** @param {import('knex').Knex} knex */
async function createPostgresTriggers(knex) {
  const day = (/** @type {string} */ column) =>
    `floor(extract(epoch FROM ${column}) / 86400)::integer`;

  // Adds deltas to the counts, without ever waiting for a row lock.
  await knex.raw(`
    CREATE FUNCTION tile_add_daily_counts(
      p_tenant_ids text[], p_metrics text[], p_days integer[], p_deltas bigint[]
    ) RETURNS void LANGUAGE sql AS $$
      WITH delta AS (
        SELECT d.tenant_id, d.metric, d.day, d.n
        FROM unnest(p_tenant_ids, p_metrics, p_days, p_deltas) AS d(tenant_id, metric, day, n)
        -- A tenant deleted by this very statement takes its counts along.
        WHERE d.n <> 0 AND EXISTS (SELECT 1 FROM tenants t WHERE t.id = d.tenant_id)
      ), claimed AS (
        SELECT delta.tenant_id, delta.metric, delta.day, delta.n, held.id
        FROM delta CROSS JOIN LATERAL (
          SELECT c.id FROM tile_daily_counts c
          WHERE c.tenant_id = delta.tenant_id AND c.metric = delta.metric AND c.day = delta.day
          LIMIT 1 FOR UPDATE SKIP LOCKED
        ) held
      ), updated AS (
        UPDATE tile_daily_counts c SET n = c.n + claimed.n
        FROM claimed WHERE c.id = claimed.id
      )
      INSERT INTO tile_daily_counts (tenant_id, metric, day, n)
      SELECT delta.tenant_id, delta.metric, delta.day, delta.n FROM delta
      WHERE NOT EXISTS (
        SELECT 1 FROM claimed
        WHERE claimed.tenant_id = delta.tenant_id AND claimed.metric = delta.metric AND claimed.day = delta.day
      )
    $$`);

  /**
   * A statement-level trigger function and its trigger.
   *
   * @param {string} name
   * @param {string} table
   * @param {'INSERT' | 'UPDATE' | 'DELETE'} event
   * @param {string} body
   */
  async function statementTrigger(name, table, event, body) {
    const transitions = {
      INSERT: 'NEW TABLE AS new_rows',
      UPDATE: 'OLD TABLE AS old_rows NEW TABLE AS new_rows',
      DELETE: 'OLD TABLE AS old_rows',
    }[event];
    await knex.raw(`
      CREATE FUNCTION ${name}() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        ${body}
        RETURN NULL;
      END
      $$`);
    await knex.raw(`
      CREATE TRIGGER ${name} AFTER ${event} ON ${table}
      REFERENCING ${transitions} FOR EACH STATEMENT EXECUTE FUNCTION ${name}()`);
  }

  /**
   * Adds the signed rows of `source` (tenant_id, time, n) to a metric.
   *
   * @param {string} metric
   * @param {string} source
   */
  const addCounts = (metric, source) => `
    PERFORM tile_add_daily_counts(
      array_agg(s.tenant_id), array_agg(s.metric), array_agg(s.day), array_agg(s.n))
    FROM (
      SELECT r.tenant_id::text AS tenant_id, '${metric}'::text AS metric,
        ${day('r.at')} AS day, sum(r.n)::bigint AS n
      FROM (${source}) r GROUP BY 1, 3 ORDER BY 1, 3
    ) s;`;

  const formsOf = (/** @type {string} */ rows, /** @type {number} */ sign) =>
    `SELECT tenant_id, submitted_at AS at, ${sign} AS n FROM ${rows} WHERE NOT system`;
  const smsOf = (/** @type {string} */ rows, /** @type {number} */ sign) =>
    `SELECT tenant_id, sent_at AS at, ${sign} AS n FROM ${rows}`;
  const noteFormsOfNonWorkers = `
    INSERT INTO tile_form_user_exceptions (tenant_id, user_id)
    SELECT DISTINCT f.tenant_id, f.user_id FROM new_rows f
    WHERE NOT f.system
      AND NOT EXISTS (${isMobileWorker('f.tenant_id', 'f.user_id')})
      AND NOT EXISTS (${isException('f.tenant_id', 'f.user_id')});`;

  await statementTrigger(
    'tile_forms_inserted',
    'form_submissions',
    'INSERT',
    addCounts('forms', formsOf('new_rows', 1)) + noteFormsOfNonWorkers,
  );
  await statementTrigger(
    'tile_forms_updated',
    'form_submissions',
    'UPDATE',
    addCounts(
      'forms',
      `${formsOf('old_rows', -1)} UNION ALL ${formsOf('new_rows', 1)}`,
    ) + noteFormsOfNonWorkers,
  );
  await statementTrigger(
    'tile_forms_deleted',
    'form_submissions',
    'DELETE',
    addCounts('forms', formsOf('old_rows', -1)),
  );

  await statementTrigger(
    'tile_sms_inserted',
    'sms_messages',
    'INSERT',
    addCounts('sms', smsOf('new_rows', 1)),
  );
  await statementTrigger(
    'tile_sms_updated',
    'sms_messages',
    'UPDATE',
    addCounts(
      'sms',
      `${smsOf('old_rows', -1)} UNION ALL ${smsOf('new_rows', 1)}`,
    ),
  );
  await statementTrigger(
    'tile_sms_deleted',
    'sms_messages',
    'DELETE',
    addCounts('sms', smsOf('old_rows', -1)),
  );

  // A mobile worker needs no exception; one that stops being one does.
  await statementTrigger(
    'tile_users_inserted',
    'users',
    'INSERT',
    `DELETE FROM tile_form_user_exceptions x USING new_rows u
     WHERE u.kind = 'mobile' AND x.tenant_id = u.tenant_id AND x.user_id = u.id;`,
  );
  await statementTrigger(
    'tile_users_updated',
    'users',
    'UPDATE',
    `DELETE FROM tile_form_user_exceptions x USING new_rows u, old_rows o
     WHERE u.kind = 'mobile' AND o.kind <> 'mobile'
       AND o.tenant_id = u.tenant_id AND o.id = u.id
       AND x.tenant_id = u.tenant_id AND x.user_id = u.id;
     INSERT INTO tile_form_user_exceptions (tenant_id, user_id)
     SELECT DISTINCT o.tenant_id, o.id FROM old_rows o JOIN new_rows u
       ON u.tenant_id = o.tenant_id AND u.id = o.id
     WHERE o.kind = 'mobile' AND u.kind <> 'mobile'
       AND NOT EXISTS (${isException('o.tenant_id', 'o.id')});`,
  );
  await statementTrigger(
    'tile_users_deleted',
    'users',
    'DELETE',
    `INSERT INTO tile_form_user_exceptions (tenant_id, user_id)
     SELECT DISTINCT o.tenant_id, o.id FROM old_rows o
     WHERE o.kind = 'mobile'
       AND EXISTS (SELECT 1 FROM tenants t WHERE t.id = o.tenant_id)
       AND NOT EXISTS (${isException('o.tenant_id', 'o.id')});`,
  );
}

/** @param {import('knex').Knex} knex */
async function createSqliteTriggers(knex) {
  /**
   * @param {string} metric
   * @param {string} tenantId
   * @param {string} time
   */
  const increment = (metric, tenantId, time) => `
    INSERT INTO tile_daily_counts (tenant_id, metric, day, n)
    VALUES (${tenantId}, '${metric}', ${sqliteDay(time)}, 1)
    ON CONFLICT (tenant_id, metric, day) DO UPDATE SET n = n + 1;`;
  /**
   * Only ever updates: a row being deleted with its tenant needs no count.
   *
   * @param {string} metric
   * @param {string} tenantId
   * @param {string} time
   * @param {string} condition
   */
  const decrement = (metric, tenantId, time, condition = '1') => `
    UPDATE tile_daily_counts SET n = n - 1
    WHERE tenant_id = ${tenantId} AND metric = '${metric}'
      AND day = ${sqliteDay(time)} AND ${condition};`;
  const noteFormOfNonWorker = `
    INSERT INTO tile_form_user_exceptions (tenant_id, user_id)
    SELECT NEW.tenant_id, NEW.user_id
    WHERE NOT NEW.system
      AND NOT EXISTS (${isMobileWorker('NEW.tenant_id', 'NEW.user_id')})
      AND NOT EXISTS (${isException('NEW.tenant_id', 'NEW.user_id')});`;

  const triggers = {
    tile_forms_inserted: `AFTER INSERT ON form_submissions WHEN NOT NEW.system BEGIN
      ${increment('forms', 'NEW.tenant_id', 'NEW.submitted_at')}
      ${noteFormOfNonWorker}
    END`,
    tile_forms_updated_old: `AFTER UPDATE ON form_submissions WHEN NOT OLD.system BEGIN
      ${decrement('forms', 'OLD.tenant_id', 'OLD.submitted_at')}
    END`,
    tile_forms_updated_new: `AFTER UPDATE ON form_submissions WHEN NOT NEW.system BEGIN
      ${increment('forms', 'NEW.tenant_id', 'NEW.submitted_at')}
      ${noteFormOfNonWorker}
    END`,
    tile_forms_deleted: `AFTER DELETE ON form_submissions WHEN NOT OLD.system BEGIN
      ${decrement('forms', 'OLD.tenant_id', 'OLD.submitted_at')}
    END`,
    tile_sms_inserted: `AFTER INSERT ON sms_messages BEGIN
      ${increment('sms', 'NEW.tenant_id', 'NEW.sent_at')}
    END`,
    tile_sms_updated: `AFTER UPDATE ON sms_messages BEGIN
      ${decrement('sms', 'OLD.tenant_id', 'OLD.sent_at')}
      ${increment('sms', 'NEW.tenant_id', 'NEW.sent_at')}
    END`,
    tile_sms_deleted: `AFTER DELETE ON sms_messages BEGIN
      ${decrement('sms', 'OLD.tenant_id', 'OLD.sent_at')}
    END`,
    tile_users_inserted: `AFTER INSERT ON users WHEN NEW.kind = 'mobile' BEGIN
      DELETE FROM tile_form_user_exceptions
      WHERE tenant_id = NEW.tenant_id AND user_id = NEW.id;
    END`,
    tile_users_became_worker: `AFTER UPDATE OF kind ON users
      WHEN NEW.kind = 'mobile' AND OLD.kind <> 'mobile' BEGIN
      DELETE FROM tile_form_user_exceptions
      WHERE tenant_id = NEW.tenant_id AND user_id = NEW.id;
    END`,
    tile_users_left_workers: `AFTER UPDATE OF kind ON users
      WHEN OLD.kind = 'mobile' AND NEW.kind <> 'mobile' BEGIN
      INSERT INTO tile_form_user_exceptions (tenant_id, user_id)
      SELECT OLD.tenant_id, OLD.id
      WHERE NOT EXISTS (${isException('OLD.tenant_id', 'OLD.id')});
    END`,
    tile_users_deleted: `AFTER DELETE ON users WHEN OLD.kind = 'mobile' BEGIN
      INSERT INTO tile_form_user_exceptions (tenant_id, user_id)
      SELECT OLD.tenant_id, OLD.id
      WHERE EXISTS (SELECT 1 FROM tenants t WHERE t.id = OLD.tenant_id)
        AND NOT EXISTS (${isException('OLD.tenant_id', 'OLD.id')});
    END`,
  };
  for (const [name, definition] of Object.entries(triggers)) {
    await knex.raw(`CREATE TRIGGER ${name} ${definition}`);
  }
}

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  const isPostgres = knex.client.config.client === 'pg';
  if (isPostgres) {
    for (const [name, table] of [
      ['tile_forms_inserted', 'form_submissions'],
      ['tile_forms_updated', 'form_submissions'],
      ['tile_forms_deleted', 'form_submissions'],
      ['tile_sms_inserted', 'sms_messages'],
      ['tile_sms_updated', 'sms_messages'],
      ['tile_sms_deleted', 'sms_messages'],
      ['tile_users_inserted', 'users'],
      ['tile_users_updated', 'users'],
      ['tile_users_deleted', 'users'],
    ]) {
      await knex.raw(`DROP TRIGGER ${name} ON ${table}`);
      await knex.raw(`DROP FUNCTION ${name}()`);
    }
    await knex.raw(
      'DROP FUNCTION tile_add_daily_counts(text[], text[], integer[], bigint[])',
    );
  } else {
    for (const name of [
      'tile_forms_inserted',
      'tile_forms_updated_old',
      'tile_forms_updated_new',
      'tile_forms_deleted',
      'tile_sms_inserted',
      'tile_sms_updated',
      'tile_sms_deleted',
      'tile_users_inserted',
      'tile_users_became_worker',
      'tile_users_left_workers',
      'tile_users_deleted',
    ]) {
      await knex.raw(`DROP TRIGGER ${name}`);
    }
  }
  await knex.schema.alterTable('form_submissions', table => {
    table.dropIndex([], 'forms_user_idx');
  });
  await knex.schema.dropTable('tile_form_user_exceptions');
  await knex.schema.dropTable('tile_daily_counts');
};
