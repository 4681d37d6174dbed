import type { Kysely } from 'kysely';

/** The first schema. Column types are chosen to mean the same in SQLite and PostgreSQL. */
export async function up(db: Kysely<any>): Promise<void> {
  const ms = 'bigint' as const;

  await db.schema
    .createTable('products')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('code', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('fingerprint_salt', 'text', (c) => c.notNull())
    .addColumn('created_at', ms, (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('features')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('product_id', 'text', (c) => c.notNull().references('products.id'))
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('name_en', 'text', (c) => c.notNull())
    .addColumn('name_fr', 'text')
    .addColumn('seat_kind', 'text', (c) => c.notNull())
    .addColumn('created_at', ms, (c) => c.notNull())
    .addUniqueConstraint('features_product_code', ['product_id', 'code'])
    .execute();

  await db.schema
    .createTable('policies')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('product_id', 'text', (c) => c.notNull().references('products.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('mode', 'text', (c) => c.notNull())
    .addColumn('check_in_interval_seconds', 'integer', (c) => c.notNull())
    .addColumn('lease_seconds', 'integer', (c) => c.notNull())
    .addColumn('fingerprint_tolerance', 'integer', (c) => c.notNull())
    .addColumn('min_components', 'integer', (c) => c.notNull())
    .addColumn('reset_limit', 'integer', (c) => c.notNull())
    .addColumn('reset_window_seconds', 'integer', (c) => c.notNull())
    .addColumn('heartbeat_seconds', 'integer', (c) => c.notNull())
    .addColumn('term_days', 'integer')
    .addColumn('created_at', ms, (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('plans')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('product_id', 'text', (c) => c.notNull().references('products.id'))
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('name_en', 'text', (c) => c.notNull())
    .addColumn('name_fr', 'text')
    .addColumn('policy_id', 'text', (c) => c.notNull().references('policies.id'))
    .addColumn('price_cents', 'integer', (c) => c.notNull())
    .addColumn('currency', 'text', (c) => c.notNull())
    .addColumn('period', 'text', (c) => c.notNull())
    .addColumn('created_at', ms, (c) => c.notNull())
    .addUniqueConstraint('plans_product_code', ['product_id', 'code'])
    .execute();

  await db.schema
    .createTable('plan_slots')
    .addColumn('plan_id', 'text', (c) => c.notNull().references('plans.id'))
    .addColumn('feature_id', 'text', (c) => c.notNull().references('features.id'))
    .addColumn('quantity', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('plan_slots_pk', ['plan_id', 'feature_id'])
    .execute();

  await db.schema
    .createTable('plan_upgrades')
    .addColumn('from_plan_id', 'text', (c) => c.notNull().references('plans.id'))
    .addColumn('to_plan_id', 'text', (c) => c.notNull().references('plans.id'))
    .addPrimaryKeyConstraint('plan_upgrades_pk', ['from_plan_id', 'to_plan_id'])
    .execute();

  await db.schema
    .createTable('customers')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('number', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('registration_key_hash', 'text', (c) => c.notNull())
    .addColumn('contact_name', 'text')
    .addColumn('contact_email', 'text')
    .addColumn('phone', 'text')
    .addColumn('address_line1', 'text')
    .addColumn('address_line2', 'text')
    .addColumn('city', 'text')
    .addColumn('region', 'text')
    .addColumn('postal_code', 'text')
    .addColumn('country', 'text')
    .addColumn('locale', 'text', (c) => c.notNull())
    .addColumn('created_at', ms, (c) => c.notNull())
    .addColumn('updated_at', ms, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('customers_name').on('customers').column('name').execute();
  await db.schema.createIndex('customers_contact_email').on('customers').column('contact_email').execute();

  await db.schema
    .createTable('licenses')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('customer_id', 'text', (c) => c.notNull().references('customers.id'))
    .addColumn('plan_id', 'text', (c) => c.notNull().references('plans.id'))
    .addColumn('key_hash', 'text', (c) => c.notNull().unique())
    .addColumn('key_prefix', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('starts_at', ms, (c) => c.notNull())
    .addColumn('expires_at', ms)
    .addColumn('created_at', ms, (c) => c.notNull())
    .addColumn('updated_at', ms, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('licenses_customer').on('licenses').column('customer_id').execute();

  await db.schema
    .createTable('resources')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('customer_id', 'text', (c) => c.notNull().references('customers.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('external_id', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('reachable', 'integer', (c) => c.notNull())
    .addColumn('synchronised', 'integer', (c) => c.notNull())
    .addColumn('missing', 'integer', (c) => c.notNull())
    .addColumn('last_reported_at', ms)
    .addColumn('created_at', ms, (c) => c.notNull())
    .addColumn('updated_at', ms, (c) => c.notNull())
    .addUniqueConstraint('resources_customer_kind_external', ['customer_id', 'kind', 'external_id'])
    .execute();

  await db.schema
    .createTable('assignments')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('customer_id', 'text', (c) => c.notNull().references('customers.id'))
    .addColumn('license_id', 'text', (c) => c.notNull().references('licenses.id'))
    .addColumn('feature_id', 'text', (c) => c.notNull().references('features.id'))
    .addColumn('resource_id', 'text', (c) => c.notNull().references('resources.id'))
    .addColumn('created_at', ms, (c) => c.notNull())
    .addColumn('released_at', ms)
    .addColumn('release_reason', 'text')
    .addColumn('held_until', ms)
    .execute();
  await db.schema.createIndex('assignments_customer_feature').on('assignments').columns(['customer_id', 'feature_id', 'released_at']).execute();
  await db.schema.createIndex('assignments_resource').on('assignments').columns(['resource_id', 'released_at']).execute();
  await db.schema.createIndex('assignments_license').on('assignments').columns(['license_id', 'released_at']).execute();

  await db.schema
    .createTable('activations')
    .addColumn('assignment_id', 'text', (c) => c.primaryKey().references('assignments.id'))
    .addColumn('fingerprint', 'text', (c) => c.notNull())
    .addColumn('host_name', 'text', (c) => c.notNull())
    .addColumn('platform', 'text', (c) => c.notNull())
    .addColumn('app_version', 'text', (c) => c.notNull())
    .addColumn('activated_at', ms, (c) => c.notNull())
    .addColumn('last_check_in_at', ms, (c) => c.notNull())
    .addColumn('lease_expires_at', ms, (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('resets')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('customer_id', 'text', (c) => c.notNull().references('customers.id'))
    .addColumn('license_id', 'text', (c) => c.notNull().references('licenses.id'))
    .addColumn('assignment_id', 'text', (c) => c.notNull().references('assignments.id'))
    .addColumn('actor_type', 'text', (c) => c.notNull())
    .addColumn('actor_id', 'text')
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('counted', 'integer', (c) => c.notNull())
    .addColumn('created_at', ms, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('resets_license').on('resets').columns(['license_id', 'created_at']).execute();

  await db.schema
    .createTable('events')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('customer_id', 'text')
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('actor_type', 'text', (c) => c.notNull())
    .addColumn('actor_id', 'text')
    .addColumn('subject_type', 'text', (c) => c.notNull())
    .addColumn('subject_id', 'text', (c) => c.notNull())
    .addColumn('data', 'text', (c) => c.notNull())
    .addColumn('created_at', ms, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('events_customer').on('events').columns(['customer_id', 'id']).execute();
  await db.schema.createIndex('events_type').on('events').columns(['type', 'id']).execute();

  await db.schema
    .createTable('admin_api_keys')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('key_hash', 'text', (c) => c.notNull().unique())
    .addColumn('key_prefix', 'text', (c) => c.notNull())
    .addColumn('created_at', ms, (c) => c.notNull())
    .addColumn('last_used_at', ms)
    .addColumn('revoked_at', ms)
    .execute();

  await db.schema
    .createTable('integration_keys')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('customer_id', 'text', (c) => c.notNull().references('customers.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('key_hash', 'text', (c) => c.notNull().unique())
    .addColumn('key_prefix', 'text', (c) => c.notNull())
    .addColumn('created_at', ms, (c) => c.notNull())
    .addColumn('revoked_at', ms)
    .execute();

  await db.schema
    .createTable('signing_keys')
    .addColumn('kid', 'text', (c) => c.primaryKey())
    .addColumn('private_jwk', 'text', (c) => c.notNull())
    .addColumn('public_jwk', 'text', (c) => c.notNull())
    .addColumn('created_at', ms, (c) => c.notNull())
    .addColumn('retired_at', ms)
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of [
    'signing_keys', 'integration_keys', 'admin_api_keys', 'events', 'resets', 'activations', 'assignments',
    'resources', 'licenses', 'customers', 'plan_upgrades', 'plan_slots', 'plans', 'policies', 'features', 'products',
  ]) {
    await db.schema.dropTable(table).execute();
  }
}
