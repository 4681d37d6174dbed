import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { ActivationOutcome, LeaseholdClient, LeaseholdClientOptions } from '../client.ts';
import { collectComponents } from '../fingerprint/collect.ts';
import { nodeProbe } from '../fingerprint/probe.ts';
import { recordingProbe } from '../fingerprint/recorded-probe.ts';
import type { Credentials } from '../state-store.ts';
import { formatBudget, formatFingerprint, formatNoFreeSeat, formatStatus, toJson } from './agent-output.ts';
import type { AgentIo } from './run-agent.ts';
import { EXIT, exitCodeOfStatus, type ExitCode } from './exit-codes.ts';

export interface AgentContext {
  io: AgentIo;
  json: boolean;
  values: Record<string, string | boolean | undefined>;
  positionals: string[];
  options: LeaseholdClientOptions;
  client(extra?: Partial<LeaseholdClientOptions>): LeaseholdClient;
  usage(message: string): Error;
}

const text = (ctx: AgentContext, flag: string, variable?: string) => (ctx.values[flag] as string | undefined) ?? (variable ? ctx.io.env[variable] || undefined : undefined);

async function credentials(ctx: AgentContext): Promise<Credentials> {
  const licenseKey = text(ctx, 'license-key', 'LEASEHOLD_LICENSE_KEY');
  if (licenseKey) return { licenseKey };
  let customerNumber = text(ctx, 'customer-number', 'LEASEHOLD_CUSTOMER_NUMBER');
  let registrationKey = text(ctx, 'registration-key', 'LEASEHOLD_REGISTRATION_KEY');
  if ((!customerNumber || !registrationKey) && ctx.io.interactive) {
    ctx.io.out('Enter your customer details (from your registration email).\n');
    customerNumber ||= await ctx.io.ask('Customer number: ');
    registrationKey ||= await ctx.io.ask('Registration key: ', { secret: true });
  }
  if (!customerNumber || !registrationKey) {
    throw ctx.usage('Give the customer details: --customer-number and --registration-key (or LEASEHOLD_CUSTOMER_NUMBER and LEASEHOLD_REGISTRATION_KEY), or --license-key.');
  }
  return { customerNumber, registrationKey };
}

/** The computer to reset after NO_FREE_SEAT: from --reset, or chosen in the terminal; null to stop there. */
async function seatToReset(ctx: AgentContext, outcome: Extract<ActivationOutcome, { code: 'NO_FREE_SEAT' }>): Promise<{ activationId: string; reason: string } | null> {
  const wanted = text(ctx, 'reset');
  let reason = text(ctx, 'reason');
  if (wanted) {
    const matches = outcome.holders.filter((h) => h.activationId === wanted || h.hostName.toLowerCase() === wanted.toLowerCase());
    if (matches.length !== 1) throw ctx.usage(`--reset ${wanted} names ${matches.length ? 'several' : 'none'} of the computers holding the licenses; use one of the ids listed.`);
    if (!reason || reason.trim().length < 3) throw ctx.usage('Say why with --reason (at least 3 characters); it is kept in the license history.');
    return { activationId: matches[0].activationId, reason };
  }
  if (!ctx.io.interactive || ctx.json || outcome.holders.length === 0) return null;
  const answer = await ctx.io.ask(`Reset which computer's license to move it here? [1-${outcome.holders.length}, Enter to stop]: `);
  const index = Number(answer) - 1;
  if (!answer || !Number.isInteger(index) || !outcome.holders[index]) return null;
  while (!reason || reason.trim().length < 3) reason = await ctx.io.ask('Why (kept in the license history)? ');
  return { activationId: outcome.holders[index].activationId, reason };
}

async function activate(ctx: AgentContext): Promise<ExitCode> {
  const client = ctx.client();
  const details = await credentials(ctx);
  let outcome = await client.activate(details);
  let reset = null;
  if (!outcome.activated && outcome.code === 'NO_FREE_SEAT') {
    if (!ctx.json) ctx.io.out(formatNoFreeSeat(outcome));
    const target = await seatToReset(ctx, outcome);
    if (target) {
      reset = await client.resetSeat(target.activationId, target.reason);
      if (!ctx.json) ctx.io.out(`Reset. ${formatBudget(reset.budget)}.\n`);
      outcome = await client.activate(details);
    }
  }
  if (ctx.json) ctx.io.out(toJson({ ...outcome, ...(reset ? { reset } : {}) }));
  else if (outcome.activated) ctx.io.out(`${outcome.reactivated ? 'This computer already held a license; it keeps it.' : 'This computer is activated.'}\n${formatStatus(outcome.status, Date.now())}`);
  else if (outcome.code !== 'NO_FREE_SEAT') ctx.io.out(`${outcome.detail}\n${outcome.code === 'TOO_FEW_COMPONENTS' ? `Not found on this computer: ${outcome.missing.join(', ')}.\n` : ''}`);
  if (outcome.activated) return exitCodeOfStatus(outcome.status);
  return outcome.code === 'NO_FREE_SEAT' ? EXIT.NO_FREE_SEAT : EXIT.NOT_LICENSED;
}

async function status(ctx: AgentContext): Promise<ExitCode> {
  const result = await ctx.client().status();
  ctx.io.out(ctx.json ? toJson(result) : formatStatus(result, Date.now()));
  return exitCodeOfStatus(result);
}

async function checkIn(ctx: AgentContext): Promise<ExitCode> {
  const client = ctx.client();
  const failuresBefore = client.connection().failures;
  const result = await client.checkIn();
  const connection = client.connection();
  const unreachable = connection.failures > failuresBefore;
  ctx.io.out(ctx.json ? toJson({ ...result, connection }) : `${unreachable ? `The license server could not be reached (${connection.lastError}).\n` : ''}${formatStatus(result, Date.now())}`);
  return unreachable ? EXIT.UNREACHABLE : exitCodeOfStatus(result);
}

async function deactivate(ctx: AgentContext): Promise<ExitCode> {
  const result = await ctx.client().deactivate();
  ctx.io.out(ctx.json ? toJson(result) : 'This computer\'s license was given back; another computer can use it now.\n');
  return EXIT.OK;
}

async function fingerprint(ctx: AgentContext): Promise<ExitCode> {
  const recordTo = text(ctx, 'record');
  const recorder = recordTo ? recordingProbe(nodeProbe) : null;
  const client = recorder ? ctx.client({ collectComponents: () => collectComponents({ probe: recorder.probe }) }) : ctx.client();
  const report = await client.fingerprint({ includeValues: ctx.values.values === true });
  if (recorder && recordTo) await recorder.save(recordTo, process.platform as 'linux' | 'win32' | 'darwin');
  ctx.io.out(ctx.json ? toJson(report) : `${formatFingerprint(report)}${recordTo ? `The operating system's answers were saved in ${path.resolve(recordTo)}.\n` : ''}`);
  return report.sameComputer === false ? EXIT.NOT_LICENSED : EXIT.OK;
}

async function offlineRequest(ctx: AgentContext): Promise<ExitCode> {
  const request = await ctx.client().createOfflineRequest();
  const out = text(ctx, 'out');
  if (!out) {
    ctx.io.out(ctx.json ? toJson({ request: JSON.parse(request) }) : request);
    return EXIT.OK;
  }
  await writeFile(out, request);
  ctx.io.out(ctx.json
    ? toJson({ file: path.resolve(out) })
    : `Wrote ${path.resolve(out)}.\nUpload it in the client portal from a computer with internet access, then run leasehold-agent offline-import <response file> here.\n`);
  return EXIT.OK;
}

async function offlineImport(ctx: AgentContext): Promise<ExitCode> {
  const file = ctx.positionals[0];
  if (!file) throw ctx.usage('Name the response file: leasehold-agent offline-import <file>.');
  const result = await ctx.client().importOfflineResponse(await readFile(file, 'utf8'));
  ctx.io.out(ctx.json ? toJson(result) : formatStatus(result, Date.now()));
  return exitCodeOfStatus(result);
}

export const AGENT_COMMANDS: Record<string, (ctx: AgentContext) => Promise<ExitCode>> = {
  activate,
  status,
  'check-in': checkIn,
  deactivate,
  fingerprint,
  'offline-request': offlineRequest,
  'offline-import': offlineImport,
};
