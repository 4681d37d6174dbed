import type { Db } from '@leasehold/db';
import { sql } from 'kysely';

/** How many customers and products there are: the demo seeds only a database with neither. */
export async function countCustomersAndProducts(db: Db): Promise<{ customers: number; products: number }> {
  const row = await db
    .selectNoFrom([
      sql<number>`(select count(*) from customers)`.as('customers'),
      sql<number>`(select count(*) from products)`.as('products'),
    ])
    .executeTakeFirstOrThrow();
  return { customers: Number(row.customers), products: Number(row.products) };
}
