export { createApp } from './app.ts';
export type { AppConfig, AppDeps, Clock } from './deps.ts';
export { systemClock } from './deps.ts';
export { createSigner, retireSigningKey, rotateSigningKey } from './signing/signing.service.ts';
export { prepareKeys, trustedKeysDocument } from './signing/signing-keys.service.ts';
export { demoMasterKey, generateMasterKey, masterKeyFromEnv, secretBoxFor, type MasterKeySetting } from './encryption/master-key.ts';
export { SecretBox, SecretBoxError } from './encryption/secret-box.ts';
export { ResealRefusedError, resealSecrets, sealPlaintextSecrets, type ResealSummary } from './encryption/sealed-secrets.service.ts';

// What the `leasehold` command uses: configuration, the server, and the services behind its admin tasks.
export { configFromEnv, type ServerConfig } from './config.ts';
export { startServer, type RunningServer } from './start.ts';
export { SERVER_NODE_FLAGS } from './runtime-flags.ts';
export { createAdminKey, type CreatedAdminKey } from './admin-keys/admin-key.service.ts';
export { createCustomer, type NewCustomer, type RegistrationDetails } from './customers/customer.service.ts';
export { findCustomerRowByNumber } from './customers/customer.repository.ts';
export { issueLicense, type IssuedLicense } from './licenses/license.service.ts';
export { loadPlans } from './catalog/catalog.repository.ts';
export { createPlan, createPolicy } from './catalog/catalog.service.ts';
export { listSigningKeys } from './signing/signing-key.repository.ts';
export { SYSTEM_ACTOR, type Actor } from './events/event.repository.ts';
export { createStaffUser, generateStaffPassword, type NewStaff } from './staff/staff-auth.service.ts';
export { totpCode } from './staff/totp.ts';
export { demoSeedable, seedDemo, type DemoCredentials, type DemoOptions } from './demo/demo.ts';
