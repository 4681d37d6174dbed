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
  // Loops rather than keys/filter: every validation and check-in matches, and most change nothing.
  const changed: string[] = [];
  const added: string[] = [];
  for (const name in stored) if (Object.hasOwn(stored, name) && (!Object.hasOwn(presented, name) || presented[name] !== stored[name])) changed.push(name);
  for (const name in presented) if (Object.hasOwn(presented, name) && !Object.hasOwn(stored, name)) added.push(name);
  return { same: changed.length <= tolerance, changed: changed.sort(), added: added.sort() };
}

export function componentCount(fingerprint: Fingerprint): number {
  return Object.keys(fingerprint).length;
}
