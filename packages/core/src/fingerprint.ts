import type { Fingerprint } from './types.ts';

export type FingerprintMatch =
  | { same: true; changed: string[]; added: string[] }
  | { same: false; changed: string[]; added: string[] };

/**
 * Whether the presented components describe the stored machine, allowing `tolerance` of them to
 * differ. A component that was stored but is no longer presented counts as changed; one presented
 * for the first time is only "added" and never counts against the machine.
 *
 * @example
 * matchFingerprint({ board: 'a', disk: 'b', mac: 'c' }, { board: 'a', disk: 'x', mac: 'c' }, 1)
 * // => { same: true, changed: ['disk'], added: [] }
 */
export function matchFingerprint(stored: Fingerprint, presented: Fingerprint, tolerance: number): FingerprintMatch {
  const changed = Object.keys(stored)
    .filter((name) => presented[name] !== stored[name])
    .sort();
  const added = Object.keys(presented)
    .filter((name) => !Object.hasOwn(stored, name))
    .sort();
  return { same: changed.length <= tolerance, changed, added };
}

export function componentCount(fingerprint: Fingerprint): number {
  return Object.keys(fingerprint).length;
}
