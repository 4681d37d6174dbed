import type { FastifyInstance } from 'fastify';
import type { LaneCounts } from '../http/fast-lane.ts';
import { Registry, collectDefaultMetrics } from 'prom-client';

/** One metric as prom-client's Registry reads it at scrape time (`registerMetric`). */
interface Collected {
  name: string;
  help: string;
  type: 'histogram' | 'counter';
  aggregator: 'sum';
  values: { labels: Record<string, string | number>; value: number; metricName?: string }[];
}

/**
 * Cells found by nested maps of label values, so that recording allocates nothing once a
 * combination has been seen: prom-client's own metrics build a label object and a key string on
 * every observation, which on the machine API's hot routes was a measurable part of a request.
 */
class Cells<C> {
  private readonly root = new Map<string, Map<string, Map<string, C>>>();

  constructor(private readonly create: () => C) {}

  at(a: string, b: string, c: string): C {
    let second = this.root.get(a);
    if (!second) this.root.set(a, (second = new Map()));
    let third = second.get(b);
    if (!third) second.set(b, (third = new Map()));
    let cell = third.get(c);
    if (!cell) third.set(c, (cell = this.create()));
    return cell;
  }

  *entries(): Generator<[string, string, string, C]> {
    for (const [a, second] of this.root) for (const [b, third] of second) for (const [c, cell] of third) yield [a, b, c, cell];
  }
}

const DURATION_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5];

class DurationHistogram {
  readonly name = 'leasehold_http_request_duration_seconds';
  readonly help = 'HTTP request duration by route and status.';
  private readonly cells = new Cells(() => ({ buckets: new Float64Array(DURATION_BUCKETS.length), sum: 0, count: 0 }));

  observe(method: string, route: string, status: number, seconds: number): void {
    const cell = this.cells.at(route, method, String(status));
    for (let i = 0; i < DURATION_BUCKETS.length; i++) {
      if (seconds <= DURATION_BUCKETS[i]) {
        cell.buckets[i]++;
        break;
      }
    }
    cell.sum += seconds;
    cell.count++;
  }

  get(): Collected {
    const values: Collected['values'] = [];
    for (const [route, method, status, cell] of this.cells.entries()) {
      const labels = { method, route, status };
      let cumulative = 0;
      DURATION_BUCKETS.forEach((bound, i) => {
        cumulative += cell.buckets[i];
        values.push({ labels: { ...labels, le: bound }, value: cumulative, metricName: `${this.name}_bucket` });
      });
      values.push({ labels: { ...labels, le: '+Inf' }, value: cell.count, metricName: `${this.name}_bucket` });
      values.push({ labels, value: cell.sum, metricName: `${this.name}_sum` });
      values.push({ labels, value: cell.count, metricName: `${this.name}_count` });
    }
    return { name: this.name, help: this.help, type: 'histogram', aggregator: 'sum', values };
  }
}

class AnswerCounter {
  readonly name = 'leasehold_machine_answers_total';
  readonly help = 'Answers of the machine API\'s activate, check-in, heartbeat and validate by route and code: VALID, the refusals (FINGERPRINT_MISMATCH, NO_FREE_SEAT, …) and the problems the service answers (NOT_FOUND, …); malformed and unauthenticated requests count by status in the request duration.';
  private readonly cells = new Cells(() => ({ value: 0 }));

  inc(route: string, code: string): void {
    this.cells.at(route, code, '').value++;
  }

  get(): Collected {
    const values = [...this.cells.entries()].map(([route, code, , cell]) => ({ labels: { route, code }, value: cell.value }));
    return { name: this.name, help: this.help, type: 'counter', aggregator: 'sum', values };
  }
}

/** The fast lane's own counts, read at scrape time. */
class LaneCounter {
  readonly name = 'leasehold_fast_lane_requests_total';
  readonly help = 'Requests to check-in, heartbeat and validate that the fast lane read: served by it, or replayed to Fastify (a body it does not serve: not JSON, or one zod would change or refuse). Requests it declines before reading go to Fastify uncounted here.';

  constructor(private readonly counts: LaneCounts) {}

  get(): Collected {
    return { name: this.name, help: this.help, type: 'counter', aggregator: 'sum', values: [
      { labels: { outcome: 'served' }, value: this.counts.served },
      { labels: { outcome: 'replayed' }, value: this.counts.replayed },
    ] };
  }
}

export interface Metrics {
  registry: Registry;
  answers: Pick<AnswerCounter, 'inc'>;
  /** Request durations, for requests answered outside Fastify's hooks (the fast lane). */
  durations: Pick<DurationHistogram, 'observe'>;
}

/** One registry per app, so several apps in one test process never share counters. */
export function createMetrics(app: FastifyInstance, laneCounts: LaneCounts): Metrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'leasehold_' });
  const duration = new DurationHistogram();
  const answers = new AnswerCounter();
  registry.registerMetric(duration as never);
  registry.registerMetric(answers as never);
  registry.registerMetric(new LaneCounter(laneCounts) as never);
  app.addHook('onResponse', (request, reply, done) => {
    duration.observe(request.method, request.routeOptions.url ?? 'unmatched', reply.statusCode, reply.elapsedTime / 1000);
    done();
  });
  return { registry, answers, durations: duration };
}
