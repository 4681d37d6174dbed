import type { FastifyInstance } from 'fastify';

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
    if (!text.includes('__proto__') && !text.includes('constructor') && !text.includes('\\u')) {
      let parsed: unknown;
      try {
        parsed = JSON.parse(text);
      } catch {
        strict(request, text, done);
        return;
      }
      done(null, parsed);
      return;
    }
    strict(request, text, done);
  });
}
