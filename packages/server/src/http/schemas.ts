import { ANSWER_CODES, ERROR_CODES } from '@leasehold/core';
import { validatorCompiler } from 'fastify-type-provider-zod';
import { jsonOf } from '../shared/sent-again.ts';
import { z } from 'zod';

/** Component name to salted hash. Names are short identifiers; hashes are what the SDK computed. */
export const FingerprintSchema = z
  .record(z.string().regex(/^[A-Za-z0-9_.-]{1,64}$/, 'component names are letters, digits, "_", "." or "-", at most 64'), z.string().min(8).max(256))
  .refine((fp) => Object.keys(fp).length <= 32, 'at most 32 components')
  .describe('Fingerprint components: name → hash computed on the machine (e.g. machine_id, board_serial, disk_serial, cpu, mac, os_install_id).');

/** Prototypes with no prototype and no properties of their own, such as the router's for parameters. */
const emptyPrototypes = new WeakSet<object>();

/** An object of data: from JSON, or without inherited properties (the router's parameters). */
function plainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const prototype = Object.getPrototypeOf(value) as object | null;
  if (prototype === Object.prototype || prototype === null || emptyPrototypes.has(prototype)) return true;
  if (Object.getPrototypeOf(prototype) !== null || Reflect.ownKeys(prototype).length > 0) return false;
  emptyPrototypes.add(prototype);
  return true;
}

const COMPONENT_NAME = /^[A-Za-z0-9_.-]{1,64}$/;

/** True only for what FingerprintSchema accepts unchanged (see `withFastPath`). */
export function isPlainFingerprint(value: unknown): boolean {
  if (!plainObject(value)) return false;
  let count = 0;
  for (const name in value) {
    const hash = value[name];
    if (!Object.hasOwn(value, name) || name === '__proto__' || !COMPONENT_NAME.test(name)) return false;
    if (typeof hash !== 'string' || hash.length < 8 || hash.length > 256) return false;
    if (++count > 32) return false;
  }
  return true;
}

/** True only for a string that `text(max)` (trimmed, 1 to max characters) leaves as it is. */
export function isPlainText(value: unknown, max: number): boolean {
  return typeof value === 'string' && value.length >= 1 && value.length <= max && value.trim().length === value.length;
}

const NONE_REQUIRED: readonly string[] = [];

/**
 * True only for an object whose own keys are among `allowed`, each with a value `accepts` takes,
 * and which has those `required`.
 */
export function isPlainObjectOf(value: unknown, allowed: Record<string, (field: unknown) => boolean>, required: readonly string[] = NONE_REQUIRED): boolean {
  if (!plainObject(value)) return false;
  for (const key in value) {
    if (!Object.hasOwn(value, key) || !Object.hasOwn(allowed, key) || !allowed[key](value[key])) return false;
  }
  for (const key of required) if (!Object.hasOwn(value, key)) return false;
  return true;
}

const fastPaths = new WeakMap<z.ZodType, (value: unknown) => boolean>();

/**
 * Gives a hot route's schema a hand-written check that answers true only for input the schema
 * accepts and returns unchanged (no unknown key to strip, no string to trim, no default to fill):
 * such input is used as it is, and anything else goes through zod, which accepts, normalises or
 * explains the field errors as everywhere else. Tests hold each check to its schema.
 */
export function withFastPath<S extends z.ZodType>(schema: S, acceptsUnchanged: (value: unknown) => boolean): S {
  fastPaths.set(schema, acceptsUnchanged);
  return schema;
}

/** The schema's check from `withFastPath`, if it has one. */
export const fastPathOf = (schema: unknown) => fastPaths.get(schema as z.ZodType);

/** The app's validator compiler: zod's, after a schema's fast path where it has one. */
export const validatorWithFastPaths: typeof validatorCompiler = (route) => {
  const validate = validatorCompiler(route);
  const acceptsUnchanged = fastPathOf(route.schema);
  return acceptsUnchanged ? (data) => (acceptsUnchanged(data) ? { value: data } : validate(data)) : validate;
};

/**
 * What a name shown to others must not hold: control characters (C0, DEL, C1; tab and line breaks
 * too, as a name is one line), line and paragraph separators, bidirectional embeddings, overrides
 * and isolates (which make a name read other than it is stored), U+FFFD (bytes that were not UTF-8)
 * and, with the `u` flag, an unpaired surrogate. The marks U+200E, U+200F and U+061C stay allowed:
 * they change no order beyond their neighbours and mixed-direction names need them.
 */
const NOT_IN_A_NAME = /[\p{Cc}\u2028\u2029\u202A-\u202E\u2066-\u2069\uFFFD]|\p{Cs}/u;

function notInANameMessage(char: string): string {
  const code = `U+${char.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;
  if (/\p{Cs}/u.test(char)) return `holds an unpaired surrogate (${code}), which is not a character; send the name as valid UTF-8 or well-formed \\u escapes`;
  if (/[\u202A-\u202E\u2066-\u2069]/.test(char)) return `holds a bidirectional override or isolate (${code}), which makes the name read other than it is written; remove it`;
  if (char === '\uFFFD') return `holds U+FFFD, the mark of text that was not valid UTF-8; send the name as UTF-8`;
  return `holds a control character or line break (${code}); a name is one line of visible text, remove it`;
}

/**
 * A name others see (a customer, a user, a resource): trimmed, 1 to `max` characters, nothing
 * invisible that changes how it reads. Its field error has the code NAME_CHARACTERS, for the
 * portal to explain it in the reader's language.
 */
export const displayName = (max: number) =>
  z.string().trim().min(1).max(max).superRefine((name, ctx) => {
    const found = NOT_IN_A_NAME.exec(name);
    if (found) ctx.addIssue({ code: 'custom', message: notInANameMessage(found[0]), params: { fieldCode: 'NAME_CHARACTERS' } });
  });

const ID_FIELDS = { id: (id: unknown) => typeof id === 'string' && id.length >= 1 && id.length <= 64 };
export const IdParams = withFastPath(z.object({ id: z.string().min(1).max(64) }), (value) => isPlainObjectOf(value, ID_FIELDS, ['id']));

export const ProblemSchema = z.object({
  type: z.string(),
  title: z.string(),
  status: z.number(),
  detail: z.string(),
  code: z.enum(ERROR_CODES as [string, ...string[]]),
  errors: z.array(z.object({
    field: z.string(),
    message: z.string(),
    code: z.string().optional().describe('A stable code for some field errors (NAME_CHARACTERS), to explain them in another language.'),
  })).optional(),
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
export const sendAsBuilt = () => (data: unknown) => jsonOf(data);
