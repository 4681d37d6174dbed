#!/usr/bin/env node
// The sources are TypeScript run through tsx, as `npm start` does; there is no build step.
import { register } from 'tsx/esm/api';

register();
await import('../src/main.ts');
