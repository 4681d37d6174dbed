import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppDeps } from '../deps.ts';
import { problemResponses } from '../http/schemas.ts';
import type { PasswordResetService } from './password-reset.service.ts';
import {
  PasswordResetBody, PasswordResetConfirmBody, PasswordResetDoneSchema, PasswordResetSentSchema, RecoveredSchema, RecoveryBody, RecoveryConfirmBody, RecoveryReceivedSchema,
} from './portal-auth.schemas.ts';
import type { RegistrationRecoveryService } from './registration-recovery.service.ts';

const tags = ['Client portal'];

/** Forgotten passwords and lost registration details: answers that never tell whether anything matched. */
export function registerRecoveryRoutes(app: FastifyInstance, _deps: AppDeps, passwords: PasswordResetService, registrations: RegistrationRecoveryService): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.post('/v1/portal/password-reset', {
    schema: {
      tags, summary: 'Email a password reset link (single use, one hour); the same answer whether or not the email has an account',
      body: PasswordResetBody, response: { 202: PasswordResetSentSchema, ...problemResponses },
    },
  }, async (request, reply) => reply.status(202).send(await passwords.request(request.body)));

  r.post('/v1/portal/password-reset/confirm', {
    schema: { tags, summary: 'Set a new password with the emailed link\'s token; ends every session of the account', body: PasswordResetConfirmBody, response: { 200: PasswordResetDoneSchema, ...problemResponses } },
  }, async (request) => passwords.confirm(request.body));

  r.post('/v1/portal/recover-registration', {
    schema: {
      tags, summary: '"I don\'t know my registration details": mails the address on file when the details match, else opens a support request; the same answer either way',
      body: RecoveryBody, response: { 202: RecoveryReceivedSchema, ...problemResponses },
    },
  }, async (request, reply) => reply.status(202).send(await registrations.request(request.body)));

  r.post('/v1/portal/recover-registration/confirm', {
    schema: { tags, summary: 'Re-issue the registration key with the emailed link\'s token; the new key is shown once', body: RecoveryConfirmBody, response: { 200: RecoveredSchema, ...problemResponses } },
  }, async (request, reply) => reply.header('cache-control', 'no-store').send(await registrations.confirm(request.body)));
}
