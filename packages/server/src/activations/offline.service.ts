import type { PublishedKeys } from '@leasehold/core';
import type { AppDeps } from '../deps.ts';
import type { CustomerPrincipal } from '../http/auth.ts';
import type { ActivationService, MachineAnswer, MachineDetails } from './activation.service.ts';

export const OFFLINE_RESPONSE_JWT_TYPE = 'leasehold-offline-response+jwt';

/** What an air-gapped computer wrote into its activation request file. */
export interface OfflineRequest extends MachineDetails {
  type: 'leasehold-offline-request';
  version: 1;
  product: string;
  feature?: string;
  /** Chosen by the computer; the signed response repeats it, so only that request's response is accepted. */
  nonce: string;
  createdAt: string;
}

/** The response file the portal or admin console hands back for the computer to import. */
export interface OfflineResponseFile {
  type: 'leasehold-offline-response';
  version: 1;
  /** JWS compact (EdDSA) over { iss, iat, nonce, lease, activation }. */
  response: string;
  /** The published keys: an air-gapped computer learns rotations and retirements from them. */
  keys: PublishedKeys;
}

export type OfflineAnswer = MachineAnswer & { responseFile?: OfflineResponseFile };

/**
 * Air-gapped activation: the same ACTIVATE ONLINE as the app's, performed on the customer's behalf
 * from a request file, with the lease wrapped in a signed response file bound to the request's nonce.
 */
export class OfflineActivationService {
  constructor(
    private readonly deps: Pick<AppDeps, 'clock' | 'signer' | 'config'>,
    private readonly activations: ActivationService,
  ) {}

  async activate(principal: CustomerPrincipal, request: OfflineRequest): Promise<OfflineAnswer> {
    const { product, feature, fingerprint, hostName, platform, appVersion } = request;
    // An air-gapped computer never gives its seat back online (the portal releases it): no secret for it.
    const answer = await this.activations.activate(principal, { product, feature, fingerprint, hostName, platform, appVersion }, { issueSecret: false });
    if (!answer.valid) return answer;
    const claims = {
      iss: this.deps.config.publicUrl,
      iat: Math.floor(this.deps.clock.now() / 1000),
      nonce: request.nonce,
      lease: answer.lease,
      activation: answer.activation,
    };
    const response = this.deps.signer.sign(claims, OFFLINE_RESPONSE_JWT_TYPE);
    return { ...answer, responseFile: { type: 'leasehold-offline-response', version: 1, response, keys: await this.deps.signer.jwks() } };
  }
}
