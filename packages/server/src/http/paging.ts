import { z } from 'zod';
import { page } from './schemas.ts';

/**
 * One page of a list already in memory, in id order (ids sort by creation). For lists that stay
 * small by nature (a product's plans, a customer's licenses); larger ones page in SQL.
 */
export function pageOf<T extends { id: string }>(all: T[], limit: number, cursor?: string): { items: T[]; nextCursor: string | null } {
  const sorted = [...all].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return page(sorted.filter((item) => !cursor || item.id > cursor).slice(0, limit), limit);
}

/** The answer of every paginated list: pass `nextCursor` back as `cursor` for the next page. */
export function pageSchema<T extends z.ZodType>(item: T) {
  return z.object({
    items: z.array(item),
    nextCursor: z.string().nullable().describe('Pass as `cursor` to get the next page; null on the last page.'),
  });
}
