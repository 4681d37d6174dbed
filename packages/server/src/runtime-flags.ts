/**
 * The node flags a production server runs with; `npm start` passes them, and so do the test and
 * benchmark server processes (testing/spawn.ts), so what is measured is what runs.
 *
 * A machine API request allocates some 20 KB, and with 50 requests in flight much of it is still
 * reachable when the young generation fills: with V8's default 16 MB semi-spaces that happened every
 * 20 ms under load, each collection copying and promoting megabytes of objects about to die, which
 * made a validation cost 30–45% more CPU time depending on how V8 had sized its heap (bench/). 64 MB
 * semi-spaces collect a third as often; the young generation grows to that only under such load.
 */
export const SERVER_NODE_FLAGS = ['--max-semi-space-size=64'] as const;
