// @ts-check

/**
 * What the permission rules filter by, in a form both dialects can query
 * with plain, indexed SQL (accounts.admin_refs is JSON text and can't be):
 *
 * - account_admins: one row per admin entity ref of an account, lower-cased
 *   (IS_ACCOUNT_ADMIN). AccountStore.upsert keeps it in step with
 *   accounts.admin_refs, which stays the record of what the client sent.
 * - tenants.edition and tenant_features: the edition and the feature keys of
 *   a tenant's current plan (HAS_EDITION, HAS_FEATURE). Billing fills them
 *   when subscriptions change; until then they are empty, so those rules
 *   match nothing.
 * - users(tenant_id, status, username) index: IS_TENANT_MEMBER looks up the
 *   caller's active users by username or email within a tenant.
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

  await knex.schema.createTable('account_admins', table => {
    byteOrderedString(table, 'account_id', 63)
      .notNullable()
      .references('id')
      .inTable('accounts')
      .onDelete('CASCADE');
    byteOrderedString(table, 'ref', 255).notNullable();
    table.primary(['account_id', 'ref']);
    // "Which accounts does this user administer?" goes by ref.
    table.index(['ref'], 'account_admins_ref_idx');
  });

  // Backfill from the JSON column, in JS so that both dialects parse alike.
  const accounts = await knex('accounts').select('id', 'admin_refs');
  const rows = accounts.flatMap(({ id, admin_refs }) => {
    /** @type {unknown} */
    let refs;
    try {
      refs = JSON.parse(admin_refs || '[]');
    } catch {
      refs = [];
    }
    const unique = new Set(
      Array.isArray(refs) ? refs.map(ref => String(ref).toLowerCase()) : [],
    );
    return [...unique].map(ref => ({ account_id: id, ref }));
  });
  for (let i = 0; i < rows.length; i += 500) {
    await knex('account_admins').insert(rows.slice(i, i + 500));
  }

  await knex.schema.alterTable('tenants', table => {
    table.string('edition', 63).nullable();
  });

  await knex.schema.createTable('tenant_features', table => {
    byteOrderedString(table, 'tenant_id', 63)
      .notNullable()
      .references('id')
      .inTable('tenants')
      .onDelete('CASCADE');
    byteOrderedString(table, 'feature', 63).notNullable();
    table.primary(['tenant_id', 'feature']);
  });

  await knex.schema.alterTable('users', table => {
    table.index(['tenant_id', 'status', 'username'], 'users_member_idx');
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.alterTable('users', table => {
    table.dropIndex(['tenant_id', 'status', 'username'], 'users_member_idx');
  });
  await knex.schema.dropTable('tenant_features');
  await knex.schema.alterTable('tenants', table => {
    table.dropColumn('edition');
  });
  await knex.schema.dropTable('account_admins');
};
