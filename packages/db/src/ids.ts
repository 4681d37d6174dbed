import { randomBytes } from 'node:crypto';

let lastMs = 0;
let counter = 0;

// One call for many ids' randomness: a randomBytes call per id was a measurable part of a check-in.
const POOL_SIZE = 4096;
let pool = randomBytes(POOL_SIZE);
let offset = 0;

function random(size: number): Buffer {
  if (offset + size > POOL_SIZE) {
    pool = randomBytes(POOL_SIZE);
    offset = 0;
  }
  const bytes = Buffer.from(pool.subarray(offset, offset + size));
  offset += size;
  return bytes;
}

/**
 * A UUIDv7: time-ordered, so ids sort by creation and serve as pagination cursors. Within one
 * millisecond a 12-bit counter keeps ids of this process in the order they were made (RFC 9562,
 * method 1). The time comes from the caller's clock so tests with a fixed clock still get ordered ids.
 */
export function newId(now: number = Date.now()): string {
  let ms = Math.floor(now);
  if (ms <= lastMs) {
    ms = lastMs;
    counter += 1;
    if (counter > 0xfff) {
      ms = lastMs + 1;
      counter = 0;
    }
  } else {
    counter = random(2).readUInt16BE(0) & 0x3ff;
  }
  lastMs = ms;
  const bytes = random(16);
  bytes.writeUIntBE(ms, 0, 6);
  bytes[6] = 0x70 | (counter >> 8);
  bytes[7] = counter & 0xff;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
