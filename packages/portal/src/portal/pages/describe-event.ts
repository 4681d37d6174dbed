import type { TFunction } from 'i18next';
import type { PortalEvent } from '../../shared/api/account-types.ts';

const KNOWN = [
  'activation.created', 'activation.checked_in', 'activation.drifted', 'activation.check_in_refused', 'activation.reset', 'activation.deactivated', 'activation.reactivated',
  'assignment.created', 'assignment.released', 'assignment.rebound', 'assignment.moved',
  'license.issued', 'license.plan_changed', 'license.cancelled', 'license.suspended', 'license.resumed',
  'resource.reported', 'resource.health_changed', 'customer.created', 'customer.updated', 'customer.registration_reissued',
] as const;

const str = (value: unknown) => (typeof value === 'string' ? value : value == null ? '' : String(value));

/** One line per event, in the reader's language, from its type and data; unknown types show as sent. */
export function describeEvent(t: TFunction, event: PortalEvent, componentName: (name: string) => string): string {
  if (!(KNOWN as readonly string[]).includes(event.type)) return event.type;
  const d = event.data;
  const health = (value: unknown) => (['ok', 'not_synchronised', 'unreachable', 'missing'].includes(str(value)) ? t(`health.${str(value) as 'ok'}`) : str(value));
  const list = (value: unknown) => (Array.isArray(value) ? value.map((v) => componentName(str(v))).join(', ') : '');
  const vars = {
    host: str(d.hostName), reason: str(d.reason), name: str(d.resourceName ?? d.name), feature: str(d.feature), plan: str(d.plan),
    from: event.type === 'resource.health_changed' ? health(d.from) : str(d.from),
    to: event.type === 'resource.health_changed' ? health(d.to) : str(d.to),
    changed: list(d.changed), mismatched: list(d.mismatched), health: health(d.health),
  };
  const key = `events.${event.type.replace('.', '_')}` as 'events.activation_created';
  return (t as (k: string, v: object) => string)(key, vars);
}
