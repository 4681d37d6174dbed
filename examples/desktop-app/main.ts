// A small "desktop app" that shows how to wire @leasehold/sdk in: the license check at start, the
// activation screen (with "no free seat" and reset), the status banner, and what happens offline.
// Its window is a page on loopback, standing in for an Electron BrowserWindow; the code below is
// what would live in Electron's main process (see README.md for the Electron version).
//
//   npx leasehold keys trusted > trusted-keys.json      (on the license server, once)
//   node --import tsx examples/desktop-app/main.ts --server http://127.0.0.1:8080 --keys trusted-keys.json
import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { parseArgs } from 'node:util';
import { appDataDir, LeaseholdClient, LeaseholdError, type LicenseStatus, type RawComponents } from '@leasehold/sdk';

const { values: args } = parseArgs({
  options: {
    server: { type: 'string', default: 'http://127.0.0.1:8080' },
    product: { type: 'string', default: 'clinic-desktop' },
    port: { type: 'string', default: '0' },
    'data-dir': { type: 'string' },
    // The vendor's keys, built into a real app (a JSON import): without them it runs for development only.
    keys: { type: 'string' },
    // Virtual machines and containers expose too few hardware components to be told apart; this
    // pretends to be a real computer so the example can be tried there. Never in a real app.
    'simulate-machine': { type: 'boolean', default: false },
  },
});

const simulated: RawComponents = {
  machine_id: 'example-machine-id', system_uuid: 'example-system-uuid', board_serial: 'EXAMPLE-BOARD', disk_serial: 'EXAMPLE-DISK', cpu: 'Example CPU',
};

// 1. One client for the app's lifetime, its lease kept in the app's data folder.
const client = new LeaseholdClient({
  serverUrl: args.server,
  product: args.product!,
  appVersion: '1.0.0',
  dataDir: args['data-dir'] ?? appDataDir('Leasehold Example'),
  ...(args.keys ? { trustedKeys: JSON.parse(readFileSync(args.keys, 'utf8')) } : {}),
  ...(args['simulate-machine'] ? { collectComponents: async () => simulated } : {}),
});

// 2. At start: the offline check, then a check-in at once if one is due or the hardware drifted.
let status: LicenseStatus = await client.start();
client.onStatus((next) => {
  status = next;
  console.log(`license: ${next.status}: ${next.detail}`);
});
client.onError((error) => console.warn(`background check-in: ${error instanceof Error ? error.message : error}`));
console.log(`license at start: ${status.status}: ${status.detail}`);

const send = (res: ServerResponse, code: number, body: unknown) => {
  res.writeHead(code, { 'content-type': 'application/json' }).end(JSON.stringify(body));
};
const body = async (req: IncomingMessage) => {
  let text = '';
  for await (const chunk of req) text += chunk;
  return text ? JSON.parse(text) : {};
};

// 3. What the window asks of the main process (Electron: ipcMain.handle for each).
const actions: Record<string, (input: any) => Promise<unknown>> = {
  'GET /api/status': async () => ({ status, connection: client.connection() }),
  'POST /api/activate': async ({ customerNumber, registrationKey }) => client.activate(customerNumber, registrationKey),
  'POST /api/reset': async ({ activationId, reason }) => client.resetSeat(activationId, reason),
  'POST /api/check-in': async () => client.checkIn(),
  'POST /api/deactivate': async () => client.deactivate(),
  'GET /api/fingerprint': async () => client.fingerprint(),
};

const page = await readFile(new URL('./ui.html', import.meta.url), 'utf8');
const window = createServer(async (req, res) => {
  const action = actions[`${req.method} ${req.url}`];
  if (req.url === '/') return void res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(page);
  if (!action) return send(res, 404, { error: 'not found' });
  try {
    send(res, 200, await action(await body(req)));
  } catch (error) {
    // The SDK's errors carry the server's code (INVALID_CREDENTIALS, RESET_BUDGET_EXHAUSTED…) or its own (NETWORK_UNAVAILABLE…).
    const code = error instanceof LeaseholdError ? error.code : 'ERROR';
    send(res, 400, { code, message: error instanceof Error ? error.message : String(error) });
  }
});
window.listen(Number(args.port), '127.0.0.1', () => {
  console.log(`Open http://127.0.0.1:${(window.address() as { port: number }).port}/ (Ctrl+C to quit)`);
});

// 4. On quit: stop the schedule (a floating seat is given back here).
process.once('SIGINT', async () => {
  await client.stop();
  window.close();
  process.exit(0);
});
