import type { FastifyInstance } from 'fastify';

export const UNPARSED = Symbol('unparsed');
const suspect = (text: string) => text.includes('__proto__') || text.includes('constructor') || text.includes('\\u');

/** The body parsed, or UNPARSED when it is not JSON or could hold a prototype-poisoning key. */
export function parseUnsuspectedJson(text: string): unknown {
  if (suspect(text)) return UNPARSED;
  try {
    return JSON.parse(text);
  } catch {
    return UNPARSED;
  }
}

/**
 * Fastify's JSON body parser, with its prototype-poisoning check (a `"__proto__"` or
 * `"constructor"` key, either maybe written with \u escapes, is refused) only run on a body that
 * could hold such a key. Its two regular expressions over every body were a larger part of a
 * validation than parsing the body; a search for the three substrings they need costs little.
 * Any body that is suspect, or not JSON, goes to Fastify's parser, whose answer and errors stand.
 */
export function registerJsonBodyParser(app: FastifyInstance): void {
  const strict = app.getDefaultJsonParser('error', 'error');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    const text = body as string;
    const parsed = parseUnsuspectedJson(text);
    // Suspect or not JSON: Fastify's parser gives the answer or the error.
    if (parsed === UNPARSED) strict(request, text, done);
    else done(null, parsed);
  });
}
