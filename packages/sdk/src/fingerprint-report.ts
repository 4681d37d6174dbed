import { matchFingerprint, type Fingerprint, type LeaseClaims } from '@leasehold/core';
import { COMPONENT_NAMES, type RawComponents } from './fingerprint/components.ts';

export interface ComponentReport {
  name: string;
  present: boolean;
  /** The salted hash sent to the server; null when the salt is not known yet. */
  hash: string | null;
  /** Compared with the lease: null when there is no lease to compare with. */
  change: 'same' | 'changed' | 'added' | 'gone' | null;
}

/** This computer's components and which changed since the lease: what `leasehold-agent fingerprint` prints. */
export interface FingerprintReport {
  components: ComponentReport[];
  present: string[];
  /** Components this computer does not expose (common in virtual machines and containers). */
  missing: string[];
  changed: string[];
  added: string[];
  /** The lease's tolerance; null without a lease. */
  tolerance: number | null;
  /** Whether these components still describe the leased computer; null without a lease. */
  sameComputer: boolean | null;
  /** Raw values, only when asked for: they never leave this computer. */
  values?: RawComponents;
}

export function fingerprintReport(raw: RawComponents, hashes: Fingerprint | null, lease: Pick<LeaseClaims, 'fp' | 'tol'> | null): FingerprintReport {
  const match = hashes && lease ? matchFingerprint(lease.fp, hashes, lease.tol) : null;
  const names = [...new Set<string>([...COMPONENT_NAMES, ...Object.keys(lease?.fp ?? {})])];
  const components = names.map((name): ComponentReport => {
    const present = Object.hasOwn(raw, name);
    const hash = hashes?.[name] ?? null;
    let change: ComponentReport['change'] = null;
    if (match && lease) {
      if (!Object.hasOwn(lease.fp, name)) change = present ? 'added' : null;
      else if (!present) change = 'gone';
      else change = lease.fp[name] === hash ? 'same' : 'changed';
    }
    return { name, present, hash, change };
  });
  return {
    components,
    present: components.filter((c) => c.present).map((c) => c.name),
    missing: components.filter((c) => !c.present && c.change !== 'gone').map((c) => c.name),
    changed: match?.changed ?? [],
    added: match?.added ?? [],
    tolerance: lease?.tol ?? null,
    sameComputer: match ? match.same : null,
  };
}
