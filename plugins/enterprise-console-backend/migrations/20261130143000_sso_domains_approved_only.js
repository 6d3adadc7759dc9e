// @ts-check

/**
 * account_sso_domains keys each SSO domain to one account. It now holds
 * only approved bindings, so that an account merely requesting a domain
 * (or refused it) cannot keep the domain's owner from binding it. Rows of
 * pending or rejected domains written before are removed; they never
 * applied to sign-in (the lookups join the approved bindings).
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex('account_sso_domains')
    .whereNotExists(approved =>
      approved
        .select(knex.raw('1'))
        .from('domain_bindings')
        .whereRaw('domain_bindings.account_id = account_sso_domains.account_id')
        .whereRaw('domain_bindings.domain = account_sso_domains.domain')
        .where('domain_bindings.status', 'approved'),
    )
    .delete();
};

/**
 * The removed rows are not restored: several accounts may have requested
 * the same domain since, which the key of the table cannot hold. Rows of
 * approved domains stay, which is all the lookups ever used.
 */
exports.down = async function down() {};
