// The ceilings the benchmark compares Leasehold with: a bare node:http server that reads the JSON
// body and answers a small JSON body (BENCH_CEILING=json), and one that also signs one Ed25519 JWS
// per request, on the event loop (BENCH_CEILING=sign) or on libuv's thread pool as
// signing.service.ts signs leases (BENCH_CEILING=sign-off-thread). BENCH_CEILING=sign-and-record
// also records each answer as a check-in does, with nothing else: one activation row updated and
// one event appended in SQLite (better-sqlite3's prepared statements, no query builder), with the
// schema's tables and indexes, WAL and synchronous=FULL, committed in groups, each answer sent
// once its commit is on disk (BENCH_CEILING_DB names the file). Prints {"listening": url}.
import { generateKeyPairSync, sign } from 'node:crypto';
import http from 'node:http';
import SqliteDatabase from 'better-sqlite3';

const MODES = ['json', 'sign', 'sign-off-thread', 'sign-and-record'];
const mode = MODES.includes(process.env.BENCH_CEILING ?? '') ? process.env.BENCH_CEILING : 'json';
const { privateKey } = generateKeyPairSync('ed25519');
const b64 = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
const header = b64({ alg: 'EdDSA', typ: 'leasehold-lease+jwt', kid: 'ceiling' });

function signingInput(id: string, fingerprint: unknown): string {
  const now = Math.floor(Date.now() / 1000);
  const claims = { iss: 'http://ceiling', sub: id, lic: id, cus: id, prod: 'clinic-desktop', feat: 'desktop', mode: 'node_locked', fp: fingerprint, iat: now, exp: now + 14 * 86400, chk: now + 3 * 86400 };
  return `${header}.${b64(claims)}`;
}

const record = mode === 'sign-and-record' ? recorder(process.env.BENCH_CEILING_DB ?? 'ceiling.sqlite') : null;

const server = http.createServer((request, response) => {
  const chunks: Buffer[] = [];
  request.on('data', (chunk: Buffer) => chunks.push(chunk));
  request.on('end', () => {
    const body = chunks.length ? JSON.parse(Buffer.concat(chunks).toString('utf8')) : {};
    const id = request.url!.split('/')[3] ?? 'none';
    const answer: Record<string, unknown> = { valid: true, code: 'VALID', detail: 'The license is valid on this computer.', activation: { id } };
    const send = () => {
      const text = JSON.stringify(answer);
      response.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text) });
      response.end(text);
    };
    if (mode === 'json') return send();
    const input = signingInput(id, body.fingerprint);
    if (mode === 'sign') {
      answer.lease = `${input}.${sign(null, Buffer.from(input), privateKey).toString('base64url')}`;
      return send();
    }
    // Signing and recording run at once; the answer goes when both are done.
    let waiting = record ? 2 : 1;
    const done = (error?: Error | null) => {
      if (error) {
        waiting = -1;
        response.writeHead(500).end(String(error));
      } else if (--waiting === 0) send();
    };
    sign(null, Buffer.from(input), privateKey, (error, signature) => {
      if (!error) answer.lease = `${input}.${signature.toString('base64url')}`;
      done(error);
    });
    record?.({ id, customer: request.headers.authorization ?? '', fingerprint: JSON.stringify(body.fingerprint ?? {}) }, done);
  });
});

/**
 * What a check-in writes, at the least it can cost: the activation's row (fingerprint, times)
 * and one event, in the schema's tables with their indexes (migrations 001), every request that
 * arrives in one turn of the event loop in one transaction, answered after its COMMIT has synced
 * the WAL. The event's customer is the caller's Authorization header, so events land in the
 * customer index as spread out as Leasehold's.
 */
function recorder(file: string) {
  const db = new SqliteDatabase(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.exec(`
    create table if not exists activations (assignment_id text primary key, fingerprint text not null, host_name text not null, platform text not null,
      app_version text not null, activated_at integer not null, last_check_in_at integer not null, lease_expires_at integer not null);
    create table if not exists events (id text primary key, customer_id text, type text not null, actor_type text not null, actor_id text,
      subject_type text not null, subject_id text not null, data text not null, created_at integer not null);
    create index if not exists events_customer on events (customer_id, id);
    create index if not exists events_type on events (type, id);`);
  const update = db.prepare('update activations set fingerprint = ?, host_name = ?, platform = ?, app_version = ?, last_check_in_at = ?, lease_expires_at = ? where assignment_id = ?');
  const insert = db.prepare("insert into activations values (?, ?, 'bench-pc', 'linux', '5.2.0', ?, ?, ?)");
  const event = db.prepare("insert into events values (?, ?, 'activation.checked_in', 'machine', ?, 'assignment', ?, ?, ?)");
  const begin = db.prepare('begin immediate');
  const commit = db.prepare('commit');
  let sequence = 0;
  let queue: { id: string; customer: string; fingerprint: string; done: (error?: Error | null) => void }[] = [];
  const flush = () => {
    const batch = queue;
    queue = [];
    try {
      begin.run();
      for (const { id, customer, fingerprint } of batch) {
        const now = Date.now();
        const expires = now + 14 * 86_400_000;
        if (update.run(fingerprint, 'bench-pc', 'linux', '5.2.0', now, expires, id).changes === 0) insert.run(id, fingerprint, now, now, expires);
        const eventId = `${now.toString(36).padStart(10, '0')}${(sequence++).toString(36).padStart(16, '0')}`;
        event.run(eventId, customer, id, id, JSON.stringify({ leaseExpiresAt: new Date(expires).toISOString(), appVersion: '5.2.0' }), now);
      }
      commit.run();
    } catch (error) {
      if (db.inTransaction) db.prepare('rollback').run();
      for (const { done } of batch) done(error as Error);
      return;
    }
    for (const { done } of batch) done();
  };
  return (row: { id: string; customer: string; fingerprint: string }, done: (error?: Error | null) => void) => {
    if (queue.length === 0) setImmediate(flush);
    queue.push({ ...row, done });
  };
}

// Same keep-alive as Fastify's default, so connections are reused the same way.
server.keepAliveTimeout = 72_000;
server.listen(Number(process.env.PORT ?? 0), '127.0.0.1', () => {
  process.stdout.write(`${JSON.stringify({ listening: `http://127.0.0.1:${(server.address() as { port: number }).port}` })}\n`);
});
const stop = () => { server.close(() => process.exit(0)); server.closeAllConnections(); };
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
