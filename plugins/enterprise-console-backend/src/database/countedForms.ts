import { Knex } from 'knex';

/**
 * Forms (`form_submissions as f`) that count in reports: non-system forms
 * whose user is a mobile worker (`users as u`) of the tenant, active or not.
 */
export function countedForms(db: Knex): Knex.QueryBuilder {
  return db('form_submissions as f')
    .join('users as u', join =>
      join
        .on('u.tenant_id', 'f.tenant_id')
        .andOn('u.id', 'f.user_id')
        .andOnVal('u.kind', 'mobile'),
    )
    .where('f.system', false);
}
