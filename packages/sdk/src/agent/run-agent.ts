import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { LeaseholdClient, type Clock, type LeaseholdClientOptions } from '../client.ts';
import type { RawComponents } from '../fingerprint/components.ts';
import type { TrustedKeys } from '../key-trust.ts';
import { appDataDir } from '../state-store.ts';
import { AGENT_COMMANDS, type AgentContext } from './agent-commands.ts';
import { commandHelp, COMMANDS, mainHelp } from './agent-help.ts';
import { toJson } from './agent-output.ts';
import { EXIT, exitCodeOfError, type ExitCode } from './exit-codes.ts';

/** The agent's terminal: injected so tests run it in-process. */
export interface AgentIo {
  out(text: string): void;
  err(text: string): void;
  env: NodeJS.ProcessEnv;
  /** Both stdin and stdout are a terminal: questions may be asked. */
  interactive: boolean;
  ask(question: string, options?: { secret?: boolean }): Promise<string>;
}

/** What tests replace: this computer's components, the clock, the network. */
export type AgentOverrides = Partial<Pick<LeaseholdClientOptions, 'fetch' | 'hostName' | 'platform'>> & {
  clock?: Clock;
  collectComponents?: () => Promise<RawComponents>;
};

const COMMON = {
  server: { type: 'string' },
  product: { type: 'string' },
  feature: { type: 'string' },
  'data-dir': { type: 'string' },
  salt: { type: 'string' },
  keys: { type: 'string' },
  'app-version': { type: 'string' },
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

const OPTIONS: Record<string, Record<string, { type: 'string' | 'boolean' }>> = {
  activate: { 'customer-number': { type: 'string' }, 'registration-key': { type: 'string' }, 'license-key': { type: 'string' }, reset: { type: 'string' }, reason: { type: 'string' } },
  status: {},
  'check-in': {},
  deactivate: {},
  fingerprint: { values: { type: 'boolean' }, record: { type: 'string' } },
  'offline-request': { out: { type: 'string' } },
  'offline-import': {},
};

class UsageError extends Error {}

function loadKeys(file: string | undefined): TrustedKeys | undefined {
  if (!file) return undefined;
  try {
    const parsed = JSON.parse(readFileSync(file, 'utf8')) as TrustedKeys;
    if (!Array.isArray(parsed.roots) && !Array.isArray(parsed.keys)) throw new Error('no "roots" or "keys" array');
    return parsed;
  } catch (error) {
    throw new UsageError(`The keys file ${file} is not a trusted-keys file (${error instanceof Error ? error.message : error}). Save what \`leasehold keys trusted\` prints on the license server.`);
  }
}

/** Runs one agent command and answers its exit code. */
export async function runAgent(argv: string[], io: AgentIo, overrides: AgentOverrides = {}): Promise<ExitCode> {
  const [command, ...rest] = argv;
  if (command === undefined || command === 'help' || command === '--help' || command === '-h') {
    (command === undefined ? io.err : io.out)(mainHelp());
    return command === undefined ? EXIT.USAGE : EXIT.OK;
  }
  if (!Object.hasOwn(COMMANDS, command)) {
    io.err(`Unknown command "${command}". Run leasehold-agent --help to see the commands.\n`);
    return EXIT.USAGE;
  }
  const json = rest.includes('--json');
  try {
    const parsed = parseArgs({ args: rest, options: { ...COMMON, ...OPTIONS[command] }, allowPositionals: command === 'offline-import', strict: true });
    const values = parsed.values as Record<string, string | boolean | undefined>;
    const positionals = parsed.positionals;
    if (values.help) {
      io.out(commandHelp(command));
      return EXIT.OK;
    }
    const env = io.env;
    const setting = (flag: string, variable: string) => (values[flag] as string | undefined) ?? (env[variable] || undefined);
    const product = setting('product', 'LEASEHOLD_PRODUCT');
    if (!product) throw new UsageError('Say which product: --product <code> or LEASEHOLD_PRODUCT.');
    const options: LeaseholdClientOptions = {
      product,
      feature: setting('feature', 'LEASEHOLD_FEATURE'),
      serverUrl: setting('server', 'LEASEHOLD_SERVER_URL'),
      dataDir: setting('data-dir', 'LEASEHOLD_AGENT_DIR') ?? appDataDir('leasehold-agent', env),
      fingerprintSalt: setting('salt', 'LEASEHOLD_FINGERPRINT_SALT'),
      trustedKeys: loadKeys(setting('keys', 'LEASEHOLD_TRUSTED_KEYS')),
      appVersion: setting('app-version', 'LEASEHOLD_APP_VERSION') ?? 'leasehold-agent',
      ...overrides,
    };
    const context: AgentContext = {
      io, json, values, positionals, options,
      client: (extra = {}) => new LeaseholdClient({ ...options, ...extra }),
      usage: (message) => new UsageError(message),
    };
    return await AGENT_COMMANDS[command](context);
  } catch (error) {
    const code = error instanceof UsageError || (error as { code?: string } | null)?.code?.startsWith?.('ERR_PARSE_ARGS') ? EXIT.USAGE : exitCodeOfError(error);
    const message = error instanceof Error ? error.message : String(error);
    const errorCode = (error as { code?: unknown } | null)?.code;
    if (json) io.out(toJson({ error: { code: typeof errorCode === 'string' && !errorCode.startsWith('ERR_') ? errorCode : code === EXIT.USAGE ? 'USAGE' : 'ERROR', message }, exitCode: code }));
    else io.err(`leasehold-agent ${command}: ${message}${code === EXIT.USAGE ? `\nRun leasehold-agent ${command} --help.` : ''}\n`);
    return code;
  }
}
