import assert from 'node:assert/strict';
import { test } from 'node:test';
import { startOutboxLoop } from './outbox-dispatcher.ts';

const messages = { failures: 'failures', sent: 'sent', passFailed: 'pass failed' };
const summary = (attempted: number, failed = 0) => ({ attempted, retrying: 0, failed, sent: attempted - failed });

test('the loop runs again at once after a full batch, survives a pass that throws, logs failures, and stops cleanly', async () => {
  const results: (ReturnType<typeof summary> | Error)[] = [summary(5), summary(5, 1), new Error('database away'), summary(2)];
  const passes: number[] = [];
  const logged: string[] = [];
  const log = (level: string) => (_obj: unknown, message: string) => logged.push(`${level}: ${message}`);
  const logger = { warn: log('warn'), debug: log('debug'), error: log('error') } as never;
  let finishPass: () => void = () => {};
  const lastPassStarted = new Promise<void>((resolve) => {
    finishPass = resolve;
  });
  const loop = startOutboxLoop({
    intervalMs: 200,
    batchSize: 5,
    logger,
    messages,
    async pass() {
      passes.push(performance.now());
      const result = results.shift() ?? summary(0);
      if (results.length === 0) finishPass();
      if (result instanceof Error) throw result;
      return result;
    },
  });
  await lastPassStarted;
  await loop.stop();
  const count = passes.length;
  await new Promise((resolve) => setTimeout(resolve, 250));
  assert.equal(passes.length, count, 'no pass after stop');
  assert.ok(passes[1] - passes[0] < 100, 'a full batch is followed at once by another pass');
  assert.ok(passes[3] - passes[2] >= 190, 'after a pass that threw, the next waits for the interval');
  assert.deepEqual(logged.slice(0, 4), ['debug: sent', 'warn: failures', 'error: pass failed', 'debug: sent']);
});
