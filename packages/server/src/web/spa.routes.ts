import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { problem, sendProblem } from '../http/problem.ts';

/** Where `npm run build -w @leasehold/portal` puts each app (dist/portal, dist/admin). */
export const WEB_DIST = fileURLToPath(new URL('../../../portal/dist/', import.meta.url));

// The apps load only their own files: no inline script, no other origin.
const HTML_HEADERS = {
  'content-type': 'text/html; charset=utf-8',
  'cache-control': 'no-cache',
  'content-security-policy': "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; connect-src 'self'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'",
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'same-origin',
  'x-frame-options': 'DENY',
};

const NOT_BUILT = (prefix: string) => `<!doctype html><html lang="en"><meta charset="utf-8"><title>Not built</title>
<p>This app (${prefix}) is not built on this server. Run <code>npm run build -w @leasehold/portal</code> (npm install does it), then restart the server.</p></html>`;

/**
 * Serves a single-page app under `prefix` (e.g. "/portal/"): its hashed assets for a year, and
 * index.html for every other path under it, so links like /portal/reset-password?token=… load the
 * app, which routes on the client.
 */
export async function registerSpa(app: FastifyInstance, options: { prefix: string; dir: string }): Promise<void> {
  const { prefix, dir } = options;
  const bare = prefix.replace(/\/$/, '');
  const indexFile = path.join(dir, 'index.html');
  const index = fs.existsSync(indexFile) ? fs.readFileSync(indexFile) : null;
  const sendIndex = (reply: FastifyReply) =>
    index ? reply.headers(HTML_HEADERS).send(index) : reply.status(503).headers(HTML_HEADERS).send(NOT_BUILT(prefix));

  app.get(bare, { schema: { hide: true } }, (request, reply) => {
    const query = request.url.slice(bare.length);
    return reply.redirect(`${prefix}${query.startsWith('?') ? query : ''}`, 301);
  });
  if (index) {
    await app.register(fastifyStatic, {
      root: dir,
      prefix,
      wildcard: false,
      index: false,
      decorateReply: false,
      serve: true,
      cacheControl: false,
      setHeaders: (res, file) => {
        res.setHeader('x-content-type-options', 'nosniff');
        res.setHeader('cache-control', file.includes(`${path.sep}assets${path.sep}`) ? 'public, max-age=31536000, immutable' : 'no-cache');
      },
    });
  }
  app.get(prefix, { schema: { hide: true } }, (_request, reply) => sendIndex(reply));
  app.get(`${prefix}*`, { schema: { hide: true } }, (request, reply) => {
    // A missing asset is a 404, not the app: a stale page would otherwise load HTML as script.
    if (request.url.startsWith(`${prefix}assets/`)) {
      return sendProblem(reply, problem('ROUTE_NOT_FOUND', `No file ${request.url.split('?')[0]}. Reload the page to get the current version of the app.`));
    }
    return sendIndex(reply);
  });
}
