import type { Activation, Assignment, Feature, Policy, Product } from '@leasehold/core';
import { machineDetailsView } from '../assignments/machine-details.view.ts';
import type { CustomerPrincipal } from '../http/auth.ts';
import type { LicenseRecord } from '../licenses/license.repository.ts';
import type { ActivationView } from './activation.types.ts';

/** What the machine API's rules read of one activation: its seat, its computer and what licenses it. */
export interface ActivationContext {
  assignment: Assignment;
  activation: Activation;
  license: LicenseRecord;
  policy: Policy;
  product: Product;
  feature: Feature;
  customerStatus: 'active' | 'suspended';
}

/** The caller's customer holds the activation, and with a license key, on that license. */
export const ownedBy = (context: ActivationContext, principal: CustomerPrincipal) =>
  context.assignment.customerId === principal.customerId && (principal.kind !== 'license' || context.assignment.licenseId === principal.licenseId);

/** The activation as the app sees it in every answer. */
export function activationView(context: ActivationContext): ActivationView {
  const { assignment, activation } = context;
  return {
    id: assignment.id,
    licenseId: assignment.licenseId,
    product: context.product.code,
    feature: context.feature.code,
    ...machineDetailsView(activation),
  };
}
