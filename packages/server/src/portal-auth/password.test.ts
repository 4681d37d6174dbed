import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { DomainError } from '@leasehold/core';
import { hashPassword, MAX_CONCURRENT_PASSWORD_WORK, MAX_WAITING_PASSWORD_WORK, passwordMatches, passwordWork } from './password.ts';

describe('password hashing', () => {
  test('a burst of hashes and checks never runs more than the cap at once, and all complete', async () => {
    passwordWork.peakInFlight = 0;
    const started = passwordWork.started;
    const burst = 8;
    const hashes = await Promise.all(Array.from({ length: burst }, (_, i) => hashPassword(`passphrase number ${i}`)));
    const checks = await Promise.all([...hashes.map((hash, i) => passwordMatches(hash, `passphrase number ${i}`)), passwordMatches(null, 'anything')]);
    assert.deepEqual(checks, [...hashes.map(() => true), false]);
    assert.equal(passwordWork.peakInFlight, MAX_CONCURRENT_PASSWORD_WORK, 'the cap is reached and never passed');
    assert.equal(passwordWork.inFlight, 0, 'every slot is given back');
    assert.ok(passwordWork.started - started >= 2 * burst + 1);
  });

  test('a failing check gives its slot back', async () => {
    assert.equal(await passwordMatches('not an argon2 hash', 'x'), false);
    assert.equal(passwordWork.inFlight, 0);
  });

  test('the cap leaves at least two of the default four thread-pool threads for lease signing', () => {
    assert.ok(MAX_CONCURRENT_PASSWORD_WORK >= 1 && MAX_CONCURRENT_PASSWORD_WORK <= 4 - 2);
  });
});

describe('password work beyond the queue', () => {
  test('is refused with 503 BUSY and a retry time, and the queued work still completes', async () => {
    const queued = Array.from({ length: MAX_CONCURRENT_PASSWORD_WORK + MAX_WAITING_PASSWORD_WORK }, (_, i) => hashPassword(`queued ${i}`));
    await assert.rejects(passwordMatches(null, 'one too many'), (error: unknown) => {
      assert.ok(error instanceof DomainError);
      assert.deepEqual([error.code, error.status, error.details], ['BUSY', 503, { retryAfterSeconds: 1 }]);
      return true;
    });
    assert.equal((await Promise.all(queued)).length, queued.length);
    assert.equal(passwordWork.inFlight, 0);
    assert.equal(await passwordMatches(null, 'after the flood'), false, 'checks work again after the flood');
  });
});
