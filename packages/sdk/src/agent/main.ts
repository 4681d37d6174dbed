import { askOnTerminal } from './prompt.ts';
import { runAgent } from './run-agent.ts';

// `leasehold-agent`: bin/leasehold-agent.js runs this through tsx.
process.exitCode = await runAgent(process.argv.slice(2), {
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
  env: process.env,
  interactive: process.stdin.isTTY === true && process.stdout.isTTY === true,
  ask: askOnTerminal,
});
