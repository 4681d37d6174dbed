// The ceilings the benchmark compares Leasehold with: a bare node:http server that reads the JSON
// body and answers a small JSON body (BENCH_CEILING=json), and one that also signs one Ed25519 JWS
// per request, on the event loop (BENCH_CEILING=sign) or on libuv's thread pool as
// signing.service.ts signs leases (BENCH_CEILING=sign-off-thread). Prints {"listening": url}.
import { generateKeyPairSync, sign } from 'node:crypto';
import http from 'node:http';

const MODES = ['json', 'sign', 'sign-off-thread'];
const mode = MODES.includes(process.env.BENCH_CEILING ?? '') ? process.env.BENCH_CEILING : 'json';
const { privateKey } = generateKeyPairSync('ed25519');
const b64 = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
const header = b64({ alg: 'EdDSA', typ: 'leasehold-lease+jwt', kid: 'ceiling' });

function signingInput(id: string, fingerprint: unknown): string {
  const now = Math.floor(Date.now() / 1000);
  const claims = { iss: 'http://ceiling', sub: id, lic: id, cus: id, prod: 'clinic-desktop', feat: 'desktop', mode: 'node_locked', fp: fingerprint, iat: now, exp: now + 14 * 86400, chk: now + 3 * 86400 };
  return `${header}.${b64(claims)}`;
}

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
    sign(null, Buffer.from(input), privateKey, (error, signature) => {
      if (error) {
        response.writeHead(500).end(String(error));
        return;
      }
      answer.lease = `${input}.${signature.toString('base64url')}`;
      send();
    });
  });
});
// Same keep-alive as Fastify's default, so connections are reused the same way.
server.keepAliveTimeout = 72_000;
server.listen(Number(process.env.PORT ?? 0), '127.0.0.1', () => {
  process.stdout.write(`${JSON.stringify({ listening: `http://127.0.0.1:${(server.address() as { port: number }).port}` })}\n`);
});
const stop = () => { server.close(() => process.exit(0)); server.closeAllConnections(); };
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
