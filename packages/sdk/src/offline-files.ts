import type { Fingerprint, PublishedKeys } from '@leasehold/core';
import { LeaseholdError } from './errors.ts';
import type { MachineDetails } from './server-api.ts';

/** What an air-gapped computer writes for the portal or the admin console to answer. */
export interface OfflineRequestFile extends MachineDetails {
  type: 'leasehold-offline-request';
  version: 1;
  product: string;
  feature?: string;
  fingerprint: Fingerprint;
  nonce: string;
  createdAt: string;
}

/** What comes back: a signed response (JWS) with the lease, bound to the request's nonce. */
export interface OfflineResponseFile {
  type: 'leasehold-offline-response';
  version: 1;
  response: string;
  /** The server's published keys: a rotated signing key, certified by the root, and the retired ones. */
  keys?: Partial<PublishedKeys>;
}

export function offlineRequestFile(request: Omit<OfflineRequestFile, 'type' | 'version'>): string {
  const file: OfflineRequestFile = { type: 'leasehold-offline-request', version: 1, ...request };
  return `${JSON.stringify(file, null, 2)}\n`;
}

const invalid = (why: string) => new LeaseholdError('OFFLINE_FILE_INVALID', why);

/** Accepts the response file as the portal gives it, or the server's whole answer that contains it. */
export function parseOfflineResponseFile(content: string): OfflineResponseFile {
  let value: any;
  try {
    value = JSON.parse(content.replace(/^\uFEFF/, ''));
  } catch {
    throw invalid('This is not a Leasehold response file (it is not JSON). Use the file the client portal gave back for this computer\'s request.');
  }
  if (value?.type !== 'leasehold-offline-response' && value?.responseFile) value = value.responseFile;
  if (value?.type === 'leasehold-offline-request') {
    throw invalid('This is the request file, not the response. Upload it in the client portal and import the file it gives back.');
  }
  if (value?.type !== 'leasehold-offline-response' || value.version !== 1 || typeof value.response !== 'string') {
    throw invalid('This is not a Leasehold response file. Use the file the client portal gave back for this computer\'s request.');
  }
  return value as OfflineResponseFile;
}
