// A real server process for tests and the benchmark: configuration from the environment
// (PORT=0 picks a free port), then one JSON line on stdout once it listens:
//   {"listening":"http://127.0.0.1:40123"}
// SIGTERM and SIGINT close it cleanly (so `node --cpu-prof` can write its profile); SIGKILL is the crash.
import { configFromEnv } from '../config.ts';
import { startServer } from '../start.ts';

const server = await startServer(configFromEnv(process.env));
process.stdout.write(`${JSON.stringify({ listening: server.url })}\n`);

let closing = false;
for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.on(signal, () => {
    if (closing) return;
    closing = true;
    server.close().then(
      () => process.exit(0),
      (error) => {
        process.stderr.write(`closing failed: ${error instanceof Error ? error.stack : String(error)}\n`);
        process.exit(1);
      },
    );
  });
}
