import type http from 'node:http';
import { Readable } from 'node:stream';
import { DomainError } from '@leasehold/core';
import type { FastifyBaseLogger, FastifyInstance, preParsingHookHandler } from 'fastify';
import type { Metrics } from '../ops/metrics.ts';
import { jsonOf } from '../shared/sent-again.ts';
import { clientOf, proxyTrust, type ProxyTrust, type TrustProxy } from './client-address.ts';
import { UNPARSED, parseUnsuspectedJson } from './json-body.ts';
import { domainProblem, internalProblem, type Problem } from './problem.ts';
import { fastPathOf } from './schemas.ts';

type HttpHandler = (request: http.IncomingMessage, response: http.ServerResponse) => void;

export interface LaneRoute {
  /** The Fastify route it also is, with one parameter, `:id`: the label of its metrics and logs. */
  url: `${string}/:id/${string}` | `${string}/:id`;
  /** The route's body schema; the lane serves only bodies its fast path (`withFastPath`) accepts. */
  body: unknown;
  /**
   * The answer to a request, from the Authorization header, the `:id` and the body, or the promise
   * of it; a DomainError, thrown or rejected, is its problem.
   */
  answer(authorization: string, id: string, body: unknown): unknown;
}

interface Compiled extends LaneRoute {
  prefix: string;
  suffix: string;
  accepts: (body: unknown) => boolean;
}

/** What happened to the requests of the lane's routes, for `leasehold_fast_lane_requests_total`. */
export interface LaneCounts {
  /** Answered by the lane. */
  served: number;
  /** Read by the lane, then given to Fastify with their body: not JSON, suspect, or not in the fast path's shape. */
  replayed: number;
}

const REPLAY = Symbol('leasehold.laneBody');
const ID = /^[A-Za-z0-9_-]{1,64}$/;
const JSON_TYPE = /^application\/json\s*(;\s*charset=utf-8\s*)?$/i;
const LENGTH = /^\d{1,12}$/;
const JSON_OUT = 'application/json; charset=utf-8';
/** The levels at which Fastify logs every request. */
const LOGS_REQUESTS = new Set(['trace', 'debug', 'info']);

/**
 * The machine API's hottest routes (check-in, heartbeat, validate), answered straight from
 * node:http. Measured on the benchmark's machine, Fastify's request pipeline (routing, hooks,
 * content-type parsing, schema validation, reply serialisation) cost a validation more CPU time
 * than the validation itself; the lane does only what these routes need: read the body, check it
 * with the route's fast path, authenticate, answer, count and log.
 *
 * The same routes stay registered with Fastify, which documents them and serves every request the
 * lane is not sure of, so each answer, error and field message comes from one place: a request the
 * lane declines before reading it (another method or path, an id with unusual characters, no
 * Authorization header, a body that is not declared JSON of a length within the limit, a server
 * closing) goes to Fastify as it came, and a body it read but will not serve (not JSON, a key that
 * could poison a prototype, anything zod would change or refuse) goes to Fastify with the body
 * replayed (`replayLaneBody`). Tests send every case both ways and compare the answers.
 */
export class FastLane {
  readonly counts: LaneCounts = { served: 0, replayed: 0 };
  private readonly routes: Compiled[] = [];
  private closing = false;
  private nextRequestId = 0;
  private log: FastifyBaseLogger | null = null;
  private metrics: Metrics | null = null;

  /** Fastify's trust function for X-Forwarded-For, from the same setting: give it to Fastify as `trustProxy`. */
  readonly trust: ProxyTrust | false;

  constructor(private readonly options: { bodyLimit: number; trustProxy?: TrustProxy }) {
    this.trust = proxyTrust(options.trustProxy);
  }

  /** Fastify's request ids, shared with the lane's so that no two requests have the same one. */
  readonly requestId = (): string => `req-${(this.nextRequestId = (this.nextRequestId + 1) & 0x7fffffff).toString(36)}`;

  /** The app's logger and metrics, once it has them; stops serving when the app begins to close. */
  attach(app: FastifyInstance, metrics: Metrics): void {
    this.log = app.log;
    this.metrics = metrics;
    app.addHook('preClose', (done) => {
      this.closing = true;
      done();
    });
  }

  route(route: LaneRoute): void {
    const [prefix, suffix] = route.url.split(':id');
    const accepts = fastPathOf(route.body);
    if (!accepts) throw new Error(`The fast lane serves only bodies with a fast path; ${route.url}'s schema has none (see withFastPath).`);
    this.routes.push({ ...route, prefix, suffix, accepts });
  }

  /** node:http's request handler: the lane's routes here, everything else to `fastify`. */
  dispatch(request: http.IncomingMessage, response: http.ServerResponse, fastify: HttpHandler): void {
    const route = this.closing || request.method !== 'POST' || this.log === null ? undefined : this.match(request);
    const url = request.url!;
    const id = route ? url.slice(route.prefix.length, url.length - route.suffix.length) : '';
    if (!route || !ID.test(id)) return fastify(request, response);
    const started = performance.now();
    const expected = Number(request.headers['content-length']);
    const chunks: Buffer[] = [];
    let received = 0;
    request.on('data', (chunk: Buffer) => {
      chunks.push(chunk);
      received += chunk.length;
    });
    request.on('end', () => {
      const raw = chunks.length === 1 ? chunks[0] : Buffer.concat(chunks, received);
      const body = received === expected ? parseUnsuspectedJson(raw.toString('utf8')) : UNPARSED;
      if (body === UNPARSED || !route.accepts(body)) {
        this.counts.replayed++;
        (request as LaneRequest)[REPLAY] = raw;
        fastify(request, response);
        return;
      }
      this.counts.served++;
      this.serve(route, request, response, id, body, started);
    });
  }

  private match(request: http.IncomingMessage): Compiled | undefined {
    const { headers } = request;
    const type = headers['content-type'];
    const length = headers['content-length'];
    if (!headers.authorization || headers['transfer-encoding'] !== undefined || type === undefined || length === undefined) return undefined;
    if (!LENGTH.test(length) || Number(length) > this.options.bodyLimit || !JSON_TYPE.test(type)) return undefined;
    const url = request.url!;
    for (const route of this.routes) {
      if (url.length > route.prefix.length + route.suffix.length && url.startsWith(route.prefix) && url.endsWith(route.suffix)) return route;
    }
    return undefined;
  }

  // Methods, not closures made per request: closures cost more here than all of their work.
  private serve(route: Compiled, request: http.IncomingMessage, response: http.ServerResponse, id: string, body: unknown, started: number): void {
    const log = this.log!;
    const exchange: Exchange = { route, request, response, started, log: LOGS_REQUESTS.has(log.level) ? log.child({ reqId: this.requestId() }) : null };
    // The same two lines Fastify logs for each request at level info.
    if (exchange.log) exchange.log.info({ req: { method: request.method, url: request.url, headers: request.headers, ...clientOf(request, this.trust), socket: request.socket } }, 'incoming request');
    let answer: unknown;
    try {
      answer = route.answer(request.headers.authorization!, id, body);
    } catch (error) {
      this.fail(exchange, error);
      return;
    }
    // An answer known at once (a repeated validation) goes out in this turn of the event loop.
    if (answer instanceof Promise) answer.then((value) => this.send(exchange, 200, JSON_OUT, jsonOf(value)), (error) => this.fail(exchange, error));
    else this.send(exchange, 200, JSON_OUT, jsonOf(answer));
  }

  private fail(exchange: Exchange, error: unknown): void {
    let problem: Problem;
    let retryAfter: string | undefined;
    if (error instanceof DomainError) {
      ({ body: problem, retryAfter } = domainProblem(error));
    } else {
      (exchange.log ?? this.log!.child({ reqId: this.requestId() })).error({ err: error }, 'request failed');
      problem = internalProblem();
    }
    this.send(exchange, problem.status, 'application/problem+json; charset=utf-8', JSON.stringify(problem), retryAfter);
  }

  private send({ route, request, response, started, log }: Exchange, status: number, type: string, text: string, retryAfter?: string): void {
    const headers: http.OutgoingHttpHeaders = { 'content-type': type, 'content-length': Buffer.byteLength(text) };
    if (retryAfter) headers['retry-after'] = retryAfter;
    try {
      response.writeHead(status, headers);
      response.end(text);
    } catch (error) {
      // The client went away: nothing is left to tell it.
      this.log!.warn({ err: error, url: request.url }, 'answer not written');
    }
    const elapsed = performance.now() - started;
    this.metrics!.durations.observe('POST', route.url, status, elapsed / 1000);
    log?.info({ res: { statusCode: status }, responseTime: elapsed }, 'request completed');
  }
}

interface Exchange {
  route: Compiled;
  request: http.IncomingMessage;
  response: http.ServerResponse;
  started: number;
  /** The request's logger when requests are logged (level info or lower). */
  log: FastifyBaseLogger | null;
}

type LaneRequest = http.IncomingMessage & { [REPLAY]?: Buffer };

/**
 * The preParsing hook of every route the lane also serves: Fastify reads the body the lane already
 * read from the request, so its parser, validation and errors answer as for any other request.
 */
export const replayLaneBody: preParsingHookHandler = (request, _reply, payload, done) => {
  const body = (request.raw as LaneRequest)[REPLAY];
  done(null, body === undefined ? payload : Readable.from([body], { objectMode: false }));
};
