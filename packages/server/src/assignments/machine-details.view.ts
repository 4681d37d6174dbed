import { iso, type Activation } from '@leasehold/core';

/** A computer as every answer shows it: what it reported and when it was last seen. */
export function machineDetailsView(activation: Activation) {
  return {
    hostName: activation.hostName,
    platform: activation.platform,
    appVersion: activation.appVersion,
    activatedAt: iso(activation.activatedAt),
    lastCheckInAt: iso(activation.lastCheckInAt),
    leaseExpiresAt: iso(activation.leaseExpiresAt),
  };
}
