import { DomainError } from '@leasehold/core';
import type { FastifyRequest } from 'fastify';
import type { AppDeps } from '../deps.ts';
import { authenticateAdmin, authenticateIntegration, authenticateMachine, type CustomerPrincipal, type Principal } from './auth.ts';

type Hook = (request: FastifyRequest) => Promise<void>;

export const machineAuth = (deps: AppDeps): Hook => async (request) => {
  request.principal = await authenticateMachine(deps.database.db, request);
};

export const adminAuth = (deps: AppDeps): Hook => async (request) => {
  request.principal = await authenticateAdmin(deps.database.db, request, deps.clock.now());
};

export const integrationAuth = (deps: AppDeps): Hook => async (request) => {
  request.principal = await authenticateIntegration(deps.database.db, request);
};

export function customerPrincipal(request: FastifyRequest): CustomerPrincipal {
  const principal = request.principal;
  if (!principal || !('customerId' in principal)) throw new DomainError('UNAUTHENTICATED', 'This endpoint needs customer credentials.');
  return principal;
}

export function adminPrincipal(request: FastifyRequest): Principal {
  const principal = request.principal;
  if (!principal || principal.kind !== 'admin') throw new DomainError('UNAUTHENTICATED', 'This endpoint needs an admin API key.');
  return principal;
}
