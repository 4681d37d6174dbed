import type { ResourceHealth } from '@leasehold/core';
import type { NewCustomer } from '../customers/customer.service.ts';
import { hashSecret } from '../shared/secrets.ts';
import { DEMO } from './demo-catalog.ts';

/** The demo clinic: an Ontario family practice, English-speaking. */
export const DEMO_CUSTOMER: NewCustomer = {
  name: 'Maple Grove Family Clinic',
  contactName: 'Office manager',
  contactEmail: 'office@maplegrove-clinic.example',
  phone: '+1 613 555 0142',
  address: { line1: '250 Maple Grove Road', line2: 'Suite 110', city: 'Ottawa', region: 'ON', postalCode: 'K2B 7K2', country: 'CA' },
  locale: 'en',
};

/** Two desktop licenses, one Basic and two Plus: 3 message providers, 3 reminder schedules, 2 booking schedules. */
export const DEMO_LICENSES = [DEMO.desktop.plan, DEMO.desktop.plan, DEMO.engagement.basic, DEMO.engagement.plus, DEMO.engagement.plus];

export interface DemoResource {
  kind: 'provider' | 'schedule';
  externalId: string;
  name: string;
  /** What the integration reports last. */
  health: ResourceHealth;
  /** Features assigned to it while it was still reported healthy. */
  features: string[];
}

const f = DEMO.engagement.features;

/**
 * One provider and one schedule in each health state. Assigned: messages 2 of 3 (one slot left to
 * allocate), reminders 3 of 3, booking 2 of 2, one of them on a schedule that has since disappeared.
 */
export const DEMO_RESOURCES: DemoResource[] = [
  { kind: 'provider', externalId: 'prov-1001', name: 'Dr. Ellis (Family Medicine)', health: 'ok', features: [f.messages] },
  { kind: 'provider', externalId: 'prov-1002', name: 'NP Tremblay (Nurse Practitioner)', health: 'not_synchronised', features: [] },
  { kind: 'provider', externalId: 'prov-1003', name: 'Dr. Okafor (Paediatrics)', health: 'unreachable', features: [f.messages] },
  { kind: 'provider', externalId: 'prov-1004', name: 'Dr. Lindqvist (Locum)', health: 'missing', features: [] },
  { kind: 'schedule', externalId: 'sched-2001', name: 'Main clinic', health: 'ok', features: [f.reminders, f.booking] },
  { kind: 'schedule', externalId: 'sched-2002', name: 'Walk-in clinic', health: 'not_synchronised', features: [f.reminders] },
  { kind: 'schedule', externalId: 'sched-2003', name: 'Lab and bloodwork', health: 'unreachable', features: [f.reminders] },
  { kind: 'schedule', externalId: 'sched-2004', name: 'Satellite office (closed)', health: 'missing', features: [f.booking] },
];

/** The reception computer as the SDK describes it: five hashed components; `replaced` ones have new hardware. */
export function demoMachine(replaced: string[] = []) {
  const names = ['machine_id', 'board_serial', 'disk_serial', 'cpu', 'mac'];
  return {
    product: DEMO.desktop.product,
    hostName: 'RECEPTION-01',
    platform: 'win32 10.0.22631',
    appVersion: '5.2.0',
    fingerprint: Object.fromEntries(names.map((n) => [n, hashSecret(`maple-grove-reception:${n}${replaced.includes(n) ? ':replaced' : ''}`)])),
  };
}
