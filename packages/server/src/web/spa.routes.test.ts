import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import Fastify, { type FastifyInstance } from 'fastify';
import { registerProblemHandlers } from '../http/problem.ts';
import { registerSpa } from './spa.routes.ts';

async function appServing(dir: string): Promise<FastifyInstance> {
  const app = Fastify({ logger: false });
  registerProblemHandlers(app);
  await registerSpa(app, { prefix: '/portal/', dir });
  await app.ready();
  return app;
}

describe('single-page app serving at /portal/', () => {
  let dir: string;
  let app: FastifyInstance;
  before(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'leasehold-spa-'));
    fs.mkdirSync(path.join(dir, 'assets'));
    fs.writeFileSync(path.join(dir, 'index.html'), '<!doctype html><title>portal</title><script type="module" src="/portal/assets/app-1a2b.js"></script>');
    fs.writeFileSync(path.join(dir, 'assets', 'app-1a2b.js'), 'console.log("portal")');
    app = await appServing(dir);
  });
  after(async () => {
    await app.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const cases = [
    { url: '/portal/', status: 200, body: /<title>portal<\/title>/, type: /text\/html/ },
    { url: '/portal/reset-password?token=abc', status: 200, body: /<title>portal<\/title>/, type: /text\/html/ },
    { url: '/portal/licenses', status: 200, body: /<title>portal<\/title>/, type: /text\/html/ },
    { url: '/portal/assets/app-1a2b.js', status: 200, body: /console\.log/, type: /javascript/ },
    { url: '/portal/assets/app-old.js', status: 404, body: /ROUTE_NOT_FOUND/, type: /problem\+json/ },
  ];
  for (const { url, status, body, type } of cases) {
    test(`GET ${url} → ${status}`, async () => {
      const response = await app.inject({ method: 'GET', url });
      assert.equal(response.statusCode, status);
      assert.match(response.body, body);
      assert.match(String(response.headers['content-type']), type);
    });
  }

  test('the page is never cached and loads only its own files; hashed assets are cached for a year', async () => {
    const page = await app.inject({ method: 'GET', url: '/portal/users' });
    assert.equal(page.headers['cache-control'], 'no-cache');
    assert.match(String(page.headers['content-security-policy']), /default-src 'self'.*frame-ancestors 'none'/);
    const asset = await app.inject({ method: 'GET', url: '/portal/assets/app-1a2b.js' });
    assert.match(String(asset.headers['cache-control']), /max-age=31536000, immutable/);
  });

  test('/portal redirects to /portal/, keeping the query', async () => {
    const response = await app.inject({ method: 'GET', url: '/portal?token=abc' });
    assert.equal(response.statusCode, 301);
    assert.equal(response.headers.location, '/portal/?token=abc');
  });

  test('other paths are not the app\'s', async () => {
    const response = await app.inject({ method: 'GET', url: '/portalx' });
    assert.equal(response.statusCode, 404);
  });

  test('without a build, the app paths say how to build it', async () => {
    const empty = await appServing(path.join(dir, 'no-such-build'));
    try {
      const response = await empty.inject({ method: 'GET', url: '/portal/licenses' });
      assert.equal(response.statusCode, 503);
      assert.match(response.body, /npm run build -w @leasehold\/portal/);
    } finally {
      await empty.close();
    }
  });
});
