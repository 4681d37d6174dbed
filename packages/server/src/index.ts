export { createApp } from './app.ts';
export type { AppConfig, AppDeps, Clock } from './deps.ts';
export { systemClock } from './deps.ts';
export { createSigner, rotateSigningKey } from './signing/signing.service.ts';
