#!/usr/bin/env node
// The `leasehold-agent` command: registers tsx in this process and runs the agent's TypeScript source.
import { register } from 'tsx/esm/api';

register();
await import(new URL('../src/agent/main.ts', import.meta.url).href);
