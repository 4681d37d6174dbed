import { ANSWER_CODES, ERROR_CODES } from '@leasehold/core';
import { z } from 'zod';

/** Component name to salted hash. Names are short identifiers; hashes are what the SDK computed. */
export const FingerprintSchema = z
  .record(z.string().regex(/^[A-Za-z0-9_.-]{1,64}$/, 'component names are letters, digits, "_", "." or "-", at most 64'), z.string().min(8).max(256))
  .refine((fp) => Object.keys(fp).length <= 32, 'at most 32 components')
  .describe('Fingerprint components: name → hash computed on the machine (e.g. machine_id, board_serial, disk_serial, cpu, mac, os_install_id).');

export const IdParams = z.object({ id: z.string().min(1).max(64) });

export const ProblemSchema = z.object({
  type: z.string(),
  title: z.string(),
  status: z.number(),
  detail: z.string(),
  code: z.enum(ERROR_CODES as [string, ...string[]]),
  errors: z.array(z.object({ field: z.string(), message: z.string() })).optional(),
}).loose();

export const AnswerCodeSchema = z.enum(ANSWER_CODES);

export const PageQuery = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(64).optional(),
});

/** The error answers a route documents besides its success. */
export const problemResponses = {
  400: ProblemSchema,
  401: ProblemSchema,
  403: ProblemSchema,
  404: ProblemSchema,
  409: ProblemSchema,
};

export function page<T extends { id: string }>(items: T[], limit: number): { items: T[]; nextCursor: string | null } {
  return { items, nextCursor: items.length === limit ? items[items.length - 1].id : null };
}

/**
 * For the hottest routes: the response schema still documents the answer in OpenAPI, but the
 * service builds the answer field by field, so it is sent as it is instead of being re-validated.
 */
export const sendAsBuilt = () => (data: unknown) => JSON.stringify(data);
