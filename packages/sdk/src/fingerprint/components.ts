import { createHmac } from 'node:crypto';
import type { Fingerprint } from '@leasehold/core';
import type { SystemProbe } from './probe.ts';

/**
 * The components a machine is recognised by. Each OS fills in what it has; a component the machine
 * does not expose (common in virtual machines and containers) is left out, never made up.
 */
export const COMPONENT_NAMES = ['machine_id', 'system_uuid', 'board_serial', 'disk_serial', 'cpu', 'mac', 'os_install_id'] as const;
export type ComponentName = (typeof COMPONENT_NAMES)[number];

/** Raw component values: they never leave the machine, only their salted hashes do. */
export type RawComponents = Partial<Record<ComponentName, string>>;

/** One implementation per operating system, all held to one shared test suite. */
export interface FingerprintSource {
  platform: 'linux' | 'win32' | 'darwin';
  collect(probe: SystemProbe): Promise<RawComponents>;
}

// Values firmware and hypervisors report when they have no real one.
const PLACEHOLDERS = new Set([
  '', '0', 'none', 'null', 'n/a', 'na', 'unknown', 'invalid', 'oem', 'o.e.m.', 'default string', 'not specified', 'not applicable', 'not available',
  'to be filled by o.e.m.', 'to be filled by oem', 'system serial number', 'base board serial number', 'chassis serial number', 'serial number',
  'system product name', '123456789', '0123456789', '1234567890', 'uninitialized',
]);
const REPEATED = /^(.)\1*$/;
// A UUID some boards ship with instead of their own.
const KNOWN_BOGUS_UUIDS = new Set(['03000200-0400-0500-0006-000700080009']);

/** The value with spacing tidied, or null when it is missing or a placeholder. */
export function cleanValue(value: string | null | undefined): string | null {
  if (value == null) return null;
  const tidy = value.replace(/\0/g, '').replace(/\s+/g, ' ').trim();
  if (PLACEHOLDERS.has(tidy.toLowerCase())) return null;
  if (REPEATED.test(tidy.replace(/[-:. ]/g, ''))) return null;
  return tidy;
}

export function cleanUuid(value: string | null | undefined): string | null {
  const tidy = cleanValue(value)?.toLowerCase() ?? null;
  return tidy && !KNOWN_BOGUS_UUIDS.has(tidy) ? tidy : null;
}

/**
 * A MAC address in lower-case colon form, or null for the ones that do not identify hardware: all
 * zeros, multicast, and locally administered addresses (randomised Wi-Fi, bridges, most virtual NICs).
 */
export function cleanMac(value: string | null | undefined): string | null {
  if (!value) return null;
  const hex = value.trim().toLowerCase().replace(/[-:.]/g, '');
  if (!/^[0-9a-f]{12}$/.test(hex) || REPEATED.test(hex)) return null;
  const first = parseInt(hex.slice(0, 2), 16);
  if (first & 0b11) return null;
  return hex.match(/../g)!.join(':');
}

/** Several adapters' addresses as one component: sorted, so their order on the bus does not matter. */
export function joinMacs(values: (string | null | undefined)[]): string | null {
  const macs = [...new Set(values.map(cleanMac).filter((m): m is string => m !== null))].sort();
  return macs.length ? macs.join(',') : null;
}

/** Drops empty entries so a missing component is absent, not present with no value. */
export function compact(values: Record<ComponentName, string | null | undefined>): RawComponents {
  const out: RawComponents = {};
  for (const name of COMPONENT_NAMES) {
    const value = values[name];
    if (value) out[name] = value;
  }
  return out;
}

/**
 * Each component as HMAC-SHA256 keyed with the product's salt over its name and value, in hex: the
 * server can compare them one by one, but cannot read them or match them across products.
 *
 * @example
 * hashComponents({ machine_id: '3d12…', cpu: 'GenuineIntel …' }, salt)
 * // => { machine_id: '9f1c…(64 hex)', cpu: '27ab…' }
 */
export function hashComponents(raw: RawComponents, salt: string): Fingerprint {
  const out: Fingerprint = {};
  for (const name of COMPONENT_NAMES) {
    const value = raw[name];
    if (value) out[name] = createHmac('sha256', salt).update(`${name}\0${value}`).digest('hex');
  }
  return out;
}
