// `npm run bench`: Leasehold's machine API on SQLite against bare node:http ceilings, each server in
// its own child process, the load from wrk (Debian's package, installed when absent and this user
// may: written in C, it takes a fraction of the CPU time a node load generator takes, so the
// ceilings are the servers' and not the generator's). Validate is compared with the
// JSON ceiling (A); check-in with the faster of the two signing ceilings, signing on the event loop
// (B) or on libuv's thread pool as Leasehold does (Bt), so moving work off the event loop does not
// flatter the ratio. A fourth ceiling, Bw, also records each answer durably as a check-in must, with
// the least code that can (see ceiling-server.ts): how far below Bt any check-in that writes its
// row and event to SQLite before answering must stay on this machine, printed next to the targets.
//
//   BENCH_SECONDS=10        measured seconds per scenario
//   BENCH_WARMUP_SECONDS=2  unmeasured load before each scenario
//   BENCH_CONNECTIONS=50    concurrent connections
//   BENCH_WRK_THREADS=1     wrk's threads (one leaves the other core of a 2-core machine to the server)
//   BENCH_ONLY=checkin,…    run only these scenarios (keys in the first column)
//   BENCH_SYNC_NORMAL=0     skip the second Leasehold run with LEASEHOLD_SQLITE_SYNCHRONOUS=normal
//   BENCH_PROFILE=<dir>     run the Leasehold servers with --cpu-prof, writing profiles to <dir>
//   BENCH_NODE_ARGS="…"     extra node flags for the Leasehold servers, after the ones every server
//                           (the ceilings too) runs with, as `npm start` does (runtime-flags.ts)
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { ensureDebianPackage } from '../scripts/debian-package.mjs';
import { DEMO } from '../packages/server/src/demo/demo-catalog.ts';
import { generateMasterKey } from '../packages/server/src/encryption/master-key.ts';
import { fingerprint } from '../packages/server/src/testing/harness.ts';
import { SERVER_NODE_FLAGS } from '../packages/server/src/runtime-flags.ts';
import { spawnListening, spawnServer, type ServerChild } from '../packages/server/src/testing/spawn.ts';
import { SITE_PLAN, seedCatalog, seedCustomers, type BenchCustomer } from './bench-seed.ts';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const WARMUP = Number(process.env.BENCH_WARMUP_SECONDS ?? 2);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50);
const WRK_THREADS = Number(process.env.BENCH_WRK_THREADS ?? 1);
const ONLY = process.env.BENCH_ONLY ? new Set(process.env.BENCH_ONLY.split(',')) : null;
const SYNC_NORMAL = process.env.BENCH_SYNC_NORMAL !== '0';
const PROFILE_DIR = process.env.BENCH_PROFILE ? path.resolve(process.env.BENCH_PROFILE) : null;
const CUSTOMERS = 20;
const SEATS_EACH = 50;

interface Request {
  method: 'POST';
  path: string;
  headers: Record<string, string>;
  body: string;
}

/** What wrk sends: the same requests round-robin, or an activation of a computer not seen before each time. */
type Load = { requests: Request[] } | { newComputersOf: BenchCustomer };

interface Row {
  key: string;
  name: string;
  rps: number;
  p50: number;
  p99: number;
  failed: number;
  wrongAnswers: number;
  /** Server CPU time per answered request: steadier than req/s when the machine is shared. */
  cpuMicros: number | null;
  /** The part of it on the main thread (the event loop), the rest being libuv's thread pool and V8's helpers. */
  mainThreadMicros: number | null;
  note: string;
  /** Keys of the scenarios this one is compared with; the fastest of them is its ceiling. */
  ceiling?: string[];
}

const here = path.dirname(fileURLToPath(import.meta.url));
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'leasehold-bench-'));
const children: ServerChild[] = [];
const log = (text: string) => process.stderr.write(`${text}\n`);
const loadBefore = os.loadavg();

async function start(spawnChild: () => Promise<ServerChild>): Promise<ServerChild> {
  const child = await spawnChild();
  children.push(child);
  return child;
}

async function stop(child: ServerChild): Promise<void> {
  child.kill('SIGTERM');
  await child.exited;
}

// The servers seal their keys under this master key, as any server must; it lives as long as the benchmark's data.
const masterKey = generateMasterKey();
const leasehold = (env: NodeJS.ProcessEnv = {}) =>
  start(() => spawnServer({ LEASEHOLD_DATA_DIR: dataDir, DATABASE_URL: '', LEASEHOLD_MASTER_KEY: masterKey, ...env }, { nodeArgs: [...(process.env.BENCH_NODE_ARGS ?? '').split(' ').filter(Boolean), ...(PROFILE_DIR ? ['--cpu-prof', `--cpu-prof-dir=${PROFILE_DIR}`] : [])] }));

const post = (target: string, authorization: string, body: object): Request => ({
  method: 'POST', path: target, headers: { 'content-type': 'application/json', authorization }, body: JSON.stringify(body),
});

const activation = (customer: BenchCustomer, seed: string) => post('/v1/activations', customer.basic, {
  product: DEMO.desktop.product, fingerprint: fingerprint(seed), hostName: `${seed}-pc`, platform: 'linux 6.8', appVersion: '5.2.0',
});

const wrkBinary = () => ensureDebianPackage({ path: process.env.BENCH_WRK ?? '/usr/bin/wrk', pkg: 'wrk', what: 'wrk', alternative: 'or set BENCH_WRK to a wrk binary', log });
const scripts = fs.mkdtempSync(path.join(os.tmpdir(), 'leasehold-wrk-'));
let scriptCount = 0;
/** A Lua string literal (the requests are ASCII). */
const lua = (text: string) => JSON.stringify(text);

/**
 * wrk's script for `load`: which request comes next, a check of one answer in 25 against `expect`,
 * and a last line with the figures, `BENCH {…}`. `label` (wrk's first script argument) keeps the new
 * computers of two runs apart.
 */
function wrkScript(next: Load, expect?: string): string {
  const format = (r: Request) => `wrk.format("POST", ${lua(r.path)}, { ${Object.entries(r.headers).map(([k, v]) => `[${lua(k)}] = ${lua(v)}`).join(', ')} }, ${lua(r.body)})`;
  const request = 'requests' in next
    ? `local requests = {}
function init(args)
${next.requests.map((r) => `  requests[#requests + 1] = ${format(r)}`).join('\n')}
end
local i = 0
function request()
  i = i + 1
  return requests[(i % #requests) + 1]
end`
    : `local label = "load"
function init(args) label = args[1] or label end
local i = 0
local components = { ${['machine_id', 'board_serial', 'disk_serial', 'cpu', 'mac'].map(lua).join(', ')} }
function request()
  i = i + 1
  local seed = label .. "-" .. i
  local fp = {}
  for _, name in ipairs(components) do fp[#fp + 1] = '"' .. name .. '":"' .. seed .. '-' .. name .. '-hash"' end
  local body = ${lua(`{"product":"${DEMO.desktop.product}","fingerprint":{`)} .. table.concat(fp, ',') .. '},"hostName":"' .. seed .. '-pc","platform":"linux 6.8","appVersion":"5.2.0"}'
  return wrk.format("POST", "/v1/activations", { ["content-type"] = "application/json", ["authorization"] = ${lua(next.newComputersOf.basic)} }, body)
end`;
  const check = expect
    ? `wrong = 0
first = nil
local seen = 0
function response(status, headers, body)
  seen = seen + 1
  if seen % 25 ~= 1 then return end
  if status ~= 200 or not string.find(body, ${lua(`"code":"${expect}"`)}, 1, true) then
    wrong = wrong + 1
    if not first then first = status .. " " .. string.sub(body, 1, 300) end
  end
end`
    : 'wrong = 0\nfirst = nil';
  return `${request}
${check}
local threads = {}
function setup(thread) threads[#threads + 1] = thread end
function done(summary, latency, requests)
  local wrong, first = 0, nil
  for _, thread in ipairs(threads) do
    wrong = wrong + thread:get("wrong")
    first = first or thread:get("first")
  end
  local e = summary.errors
  io.write(string.format('\\nBENCH {"requests":%d,"durationUs":%d,"p50Us":%d,"p99Us":%d,"failed":%d,"non2xx":%d,"wrong":%d}\\n',
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(99), e.connect + e.read + e.write + e.timeout, e.status, wrong))
  if first then io.write("BENCH-WRONG " .. first .. "\\n") end
end
`;
}

const run = promisify(execFile);
let runs = 0;

/** Load for `seconds` from wrk; one answer in 25 is checked to say `expect`. */
async function load(url: string, next: Load, seconds: number, expect?: string) {
  const script = path.join(scripts, `load-${scriptCount++}.lua`);
  fs.writeFileSync(script, wrkScript(next, expect));
  const { stdout, stderr } = await run(wrk, ['-t', String(WRK_THREADS), '-c', String(CONNECTIONS), '-d', `${seconds}s`, '--timeout', '10s', '-s', script, url, '--', `run${runs++}`], { maxBuffer: 1 << 20 });
  const figures = /^BENCH (\{.*\})$/m.exec(stdout);
  if (!figures) throw new Error(`wrk printed no figures:\n${stdout}${stderr}`);
  const first = /^BENCH-WRONG (.*)$/m.exec(stdout);
  if (first) log(`  unexpected answer: ${first[1]}`);
  const result = JSON.parse(figures[1]) as { requests: number; durationUs: number; p50Us: number; p99Us: number; failed: number; non2xx: number; wrong: number };
  return { ...result, rps: result.requests / (result.durationUs / 1e6) };
}

/** User + system CPU milliseconds so far of a process, or of its main thread (Linux /proc; null elsewhere). */
function cpuMillis(pid: number, mainThreadOnly = false): number | null {
  try {
    const fields = fs.readFileSync(mainThreadOnly ? `/proc/${pid}/task/${pid}/stat` : `/proc/${pid}/stat`, 'utf8').replace(/^.*\) /, '').split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100; // utime + stime, in 100 Hz clock ticks
  } catch {
    return null;
  }
}

interface Scenario {
  key: string;
  name: string;
  server: ServerChild;
  next: Load;
  /** The answer code every checked response must have. */
  expect?: string;
  /** Keys of the scenarios this one is compared with; the fastest of them is its ceiling. */
  ceiling?: string[];
  note?: (requests: number) => string;
}

async function scenario(rows: Row[], { key, name, server, next, expect, ceiling, note = () => '' }: Scenario) {
  if (ONLY && !ONLY.has(key)) return;
  log(`${name}: ${WARMUP} s warm-up, ${SECONDS} s measured, ${CONNECTIONS} connections`);
  const warm = WARMUP > 0 ? (await load(server.url, next, WARMUP, expect)).requests : 0;
  const cpuBefore = cpuMillis(server.pid);
  const mainBefore = cpuMillis(server.pid, true);
  const result = await load(server.url, next, SECONDS, expect);
  const cpuAfter = cpuMillis(server.pid);
  const mainAfter = cpuMillis(server.pid, true);
  if (result.non2xx + result.failed > 0) log(`  ${result.non2xx} non-2xx answers, ${result.failed} socket errors or timeouts`);
  rows.push({
    key, name, ceiling, wrongAnswers: result.wrong,
    cpuMicros: cpuBefore === null || cpuAfter === null ? null : ((cpuAfter - cpuBefore) * 1000) / Math.max(1, result.requests),
    mainThreadMicros: mainBefore === null || mainAfter === null ? null : ((mainAfter - mainBefore) * 1000) / Math.max(1, result.requests),
    rps: result.rps, p50: result.p50Us / 1000, p99: result.p99Us / 1000,
    failed: result.non2xx + result.failed,
    note: note(warm + result.requests),
  });
}

/** Activates every seat of each customer, `parallel` at a time; returns one check-in request per activation. */
async function activateAll(url: string, customers: BenchCustomer[], seats: number, label: string, parallel = 25) {
  const jobs = customers.flatMap((customer, c) => Array.from({ length: seats }, (_, s) => ({ customer, seed: `${label}-${c}-${s}` })));
  const made: { customer: BenchCustomer; seed: string; id: string }[] = [];
  const work = async () => {
    for (let job = jobs.shift(); job; job = jobs.shift()) {
      const request = activation(job.customer, job.seed);
      const response = await fetch(`${url}${request.path}`, request);
      const answer = (await response.json()) as { code: string; activation?: { id: string } };
      if (answer.code !== 'VALID') throw new Error(`Preparing activations failed: ${JSON.stringify(answer)}`);
      made.push({ ...job, id: answer.activation!.id });
    }
  };
  await Promise.all(Array.from({ length: parallel }, work));
  return made;
}

const ms = (value: number) => value.toFixed(1);

function report(rows: Row[]): void {
  const byKey = new Map(rows.map((r) => [r.key, r]));
  const ceilingOf = (r: Row) => (r.ceiling ?? []).map((key) => byKey.get(key)).filter((c) => c !== undefined).sort((x, y) => y.rps - x.rps)[0];
  const header = ['scenario', 'name', 'req/s', 'p50 ms', 'p99 ms', 'CPU µs/req', 'main thread', 'failed', 'vs ceiling', 'note'];
  const table = rows.map((r) => {
    const ceiling = ceilingOf(r);
    return [r.key, r.name, Math.round(r.rps).toString(), ms(r.p50), ms(r.p99), r.cpuMicros === null ? '' : Math.round(r.cpuMicros).toString(), r.mainThreadMicros === null ? '' : Math.round(r.mainThreadMicros).toString(), String(r.failed + r.wrongAnswers), ceiling ? `${((100 * r.rps) / ceiling.rps).toFixed(0)}% of ${ceiling.key}` : '', r.note];
  });
  const widths = header.map((h, i) => Math.max(h.length, ...table.map((t) => t[i].length)));
  const line = (cells: string[]) => cells.map((c, i) => (i >= 2 && i <= 7 ? c.padStart(widths[i]) : c.padEnd(widths[i]))).join('  ');
  console.log(`\nLeasehold machine API on SQLite, ${CONNECTIONS} connections, ${SECONDS} s per scenario, node ${process.version}, ${os.cpus().length} CPUs (${os.cpus()[0]?.model ?? 'unknown'})`);
  // Other work on the machine skews every figure; the load average says whether there was any.
  console.log(`load average before ${loadBefore.map((l) => l.toFixed(2)).join(' ')}, after ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}\n`);
  console.log(line(header));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const cells of table) console.log(line(cells));
  console.log('\nTargets (from the issue)');
  const target = (key: string) => {
    const r = byKey.get(key);
    const c = r && ceilingOf(r);
    if (!r || !c) return;
    const ratio = r.rps / c.rps;
    console.log(`  ${r.name} / ${c.name}: ${(100 * ratio).toFixed(0)}% (target >= 70%) ${ratio >= 0.7 ? 'met' : 'MISSED'}; p99 ${ms(r.p99)} ms (target <= 10 ms) ${r.p99 <= 10 ? 'met' : 'MISSED'}`);
  };
  target('checkin');
  target('validate');
  target('checkin-normal');
  const [bt, bw, checkIn] = [byKey.get('Bt'), byKey.get('Bw'), byKey.get('checkin')];
  if (bt && bw) {
    console.log(`\nWhat recording costs on this machine: Bw (signed, and its row and event synced to SQLite) = ${((100 * bw.rps) / bt.rps).toFixed(0)}% of Bt`);
    if (checkIn) console.log(`  check-in (sync FULL) = ${((100 * checkIn.rps) / bw.rps).toFixed(0)}% of Bw`);
  }
  if (rows.some((r) => r.failed + r.wrongAnswers > 0)) console.log('\nSome requests failed or gave unexpected answers: the figures above are not valid.');
}

// Each activation compares the computer with every one the customer already has, so the cost grows with them.
const grows = (total: number) => `one customer, 0 → ${total} computers`;

let wrk = '';

async function main(): Promise<void> {
  wrk = wrkBinary();
  log(`data dir ${dataDir}`);
  await seedCatalog(dataDir);
  const clinics = await seedCustomers(dataDir, CUSTOMERS, DEMO.desktop.plan, SEATS_EACH);
  const [full] = await seedCustomers(dataDir, 1, DEMO.desktop.plan, 10);
  const sites = await seedCustomers(dataDir, 2, SITE_PLAN, 1);

  const rows: Row[] = [];
  const ceiling = (mode: 'json' | 'sign' | 'sign-off-thread' | 'sign-and-record') =>
    start(() => spawnListening(path.join(here, 'ceiling-server.ts'), { BENCH_CEILING: mode, BENCH_CEILING_DB: path.join(dataDir, 'ceiling.sqlite') }, { nodeArgs: [...SERVER_NODE_FLAGS] }));
  const [a, b, bt, bw] = [await ceiling('json'), await ceiling('sign'), await ceiling('sign-off-thread'), await ceiling('sign-and-record')];
  let server = await leasehold();
  log(`preparing ${CUSTOMERS * SEATS_EACH} activations over ${CUSTOMERS} customers`);
  const activations = await activateAll(server.url, clinics, SEATS_EACH, 'clinic');
  await activateAll(server.url, [full], 10, 'full');
  const checkIns = activations.map((x) => post(`/v1/activations/${x.id}/check-in`, x.customer.basic, { fingerprint: fingerprint(x.seed) }));
  const validations = activations.map((x) => post(`/v1/activations/${x.id}/validate`, x.customer.basic, { fingerprint: fingerprint(x.seed) }));

  await scenario(rows, { key: 'A', name: 'bare node:http, JSON', server: a, next: { requests: validations } });
  await scenario(rows, { key: 'B', name: 'bare node:http, JSON + Ed25519 JWS', server: b, next: { requests: checkIns } });
  await scenario(rows, { key: 'Bt', name: 'bare node:http, JSON + Ed25519 JWS on the thread pool', server: bt, next: { requests: checkIns } });
  await scenario(rows, { key: 'Bw', name: 'Bt + a check-in\'s row and event in SQLite, synced', server: bw, next: { requests: checkIns } });
  await scenario(rows, { key: 'validate', name: 'validate', server, next: { requests: validations }, expect: 'VALID', ceiling: ['A'] });
  await scenario(rows, { key: 'checkin', name: 'check-in (sync FULL)', server, next: { requests: checkIns }, expect: 'VALID', ceiling: ['B', 'Bt'] });
  await scenario(rows, { key: 'activate', name: 'activate, free seats (sync FULL)', server, next: { newComputersOf: sites[0] }, expect: 'VALID', note: grows });
  await scenario(rows, { key: 'activate-full', name: 'activate, all 10 seats taken', server, next: { newComputersOf: full }, expect: 'NO_FREE_SEAT', note: () => 'every answer NO_FREE_SEAT' });
  await stop(server);
  if (SYNC_NORMAL) {
    server = await leasehold({ LEASEHOLD_SQLITE_SYNCHRONOUS: 'normal' });
    await scenario(rows, { key: 'checkin-normal', name: 'check-in (sync NORMAL)', server, next: { requests: checkIns }, expect: 'VALID', ceiling: ['B', 'Bt'] });
    await scenario(rows, { key: 'activate-normal', name: 'activate, free seats (sync NORMAL)', server, next: { newComputersOf: sites[1] }, expect: 'VALID', note: grows });
    await stop(server);
  }
  await Promise.all([stop(a), stop(b), stop(bt), stop(bw)]);
  report(rows);
  if (PROFILE_DIR) console.log(`\nCPU profiles of the Leasehold processes: ${PROFILE_DIR}`);
}

try {
  await main();
} finally {
  for (const child of children) child.kill('SIGTERM');
  await Promise.all(children.map((c) => c.exited));
  fs.rmSync(dataDir, { recursive: true, force: true });
  fs.rmSync(scripts, { recursive: true, force: true });
}
