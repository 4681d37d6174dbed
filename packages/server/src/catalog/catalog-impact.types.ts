import type { CustomerRef } from './catalog-impact.repository.ts';

/** `blocking`: the change is refused as it stands; `warning`: someone loses something; `info`: worth knowing. */
export type Severity = 'info' | 'warning' | 'blocking';

export const CONSEQUENCE_CODES = [
  'NO_CHANGE', 'RENAMED', 'NAME_ONLY',
  'TOLERANCE_LOWERED', 'TOLERANCE_RAISED', 'MIN_COMPONENTS_RAISED', 'MIN_COMPONENTS_LOWERED',
  'LEASE_SHORTENED', 'LEASE_LENGTHENED', 'CHECK_IN_INTERVAL_CHANGED', 'MODE_CHANGED', 'HEARTBEAT_CHANGED',
  'RESETS_TURNED_OFF', 'RESETS_TURNED_ON', 'RESET_BUDGET_LOWERED', 'RESET_BUDGET_RAISED', 'TERM_CHANGED',
  'POLICY_SWITCHED', 'PRICE_CHANGED', 'CURRENCY_CHANGED', 'CURRENCY_MIXED', 'SLOTS_ADDED', 'SLOTS_REMOVED', 'SLOTS_OVER_CAPACITY',
] as const;
export type ConsequenceCode = (typeof CONSEQUENCE_CODES)[number];

/** One customer, license or computer a consequence names. */
export interface ImpactItem {
  customer: CustomerRef;
  license?: { id: string; keyPrefix: string };
  computer?: { id: string; hostName: string };
  feature?: string;
  /** The components that changed at a check-in, or that a computer has on record. */
  components?: string[];
  at?: string;
  /** The number the consequence is about for this row (resets used, seats assigned, components on record)… */
  count?: number;
  /** …and the limit it is held against under the change. */
  limit?: number;
  /** A change of money per month for this row, in cents. */
  cents?: number;
}

export interface Consequence {
  code: ConsequenceCode;
  severity: Severity;
  /** In English, for API users; the console words it from `code` and `values`. */
  message: string;
  values: Record<string, string | number | null>;
  /** At most ITEM_LIMIT rows; `itemCount` says how many there are. */
  items: ImpactItem[];
  itemCount: number;
}

export interface Usage {
  plans: number;
  customers: number;
  /** Licenses that give their slots now (active, started, not ended). */
  licenses: number;
  /** Seats held now, of every kind… */
  seats: number;
  /** …of which computers (machine activations). */
  computers: number;
}

export interface Impact {
  subject: { type: 'product' | 'feature' | 'plan' | 'policy'; id: string; name: string };
  changes: { field: string; from: unknown; to: unknown }[];
  usage: Usage;
  consequences: Consequence[];
  /** False when the change would be refused: the PATCH answers 409 naming the blocking consequences. */
  allowed: boolean;
}

export const ITEM_LIMIT = 50;

export function consequence(code: ConsequenceCode, severity: Severity, message: string, values: Consequence['values'] = {}, items: ImpactItem[] = []): Consequence {
  return { code, severity, message, values, items: items.slice(0, ITEM_LIMIT), itemCount: items.length };
}
