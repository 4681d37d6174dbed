import type { AuditFilter } from '../api/admin-api.ts';

/** The audit log's filters as the page's address holds them: dates as the person chose them (YYYY-MM-DD). */
export interface AuditForm { customer: string; type: string; actorType: string; actorId: string; from: string; to: string }

export const AUDIT_FIELDS = ['customer', 'type', 'actorType', 'actorId', 'from', 'to'] as const;

export function formFromQuery(query: URLSearchParams): AuditForm {
  return Object.fromEntries(AUDIT_FIELDS.map((field) => [field, query.get(field)?.trim() ?? ''])) as unknown as AuditForm;
}

export function queryFromForm(form: AuditForm): string {
  return new URLSearchParams(AUDIT_FIELDS.filter((field) => form[field].trim()).map((field) => [field, form[field].trim()])).toString();
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Midnight at the start of a calendar day in the browser's time zone, as an ISO instant. */
function startOfDay(text: string, addDays = 0): string | undefined {
  const match = DATE.exec(text);
  if (!match) return undefined;
  return new Date(Number(match[1]), Number(match[2]) - 1, Number(match[3]) + addDays).toISOString();
}

/**
 * The API's filter: "from" is the start of its day and "to" is included, so the range ends at the
 * start of the day after it, both in the browser's time zone (what the person sees in the table).
 */
export function filterFromForm(form: AuditForm): AuditFilter {
  return {
    customer: form.customer || undefined,
    type: form.type || undefined,
    actorType: form.actorType || undefined,
    actorId: form.actorId || undefined,
    from: startOfDay(form.from),
    to: startOfDay(form.to, 1),
  };
}

/** Whether the dates are in order (either may be empty). */
export function rangeIsValid(form: AuditForm): boolean {
  return !form.from || !form.to || form.from <= form.to;
}
