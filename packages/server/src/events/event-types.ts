interface EventTypeTraits {
  /** Written with every check-in of every computer: an endpoint subscribes to it only on purpose. */
  highVolume?: true;
  /** Never sent to the endpoints subscribed to its type (a webhook test goes to its one endpoint). */
  webhooks?: false;
}

/**
 * Every event type the server writes: the audit log's types and what webhook endpoints subscribe
 * to. `insertEvent` takes only these, so a new kind of event is added here first, and the admin
 * console's lists (GET /v1/admin/event-types) follow.
 */
export const EVENT_TYPES = {
  'customer.created': {},
  'customer.updated': {},
  'customer.suspended': {},
  'customer.resumed': {},
  'customer.registration_reissued': {},
  'customer.registration_logon': {},
  'customer.registration_logon_failed': {},
  'customer.registration_logon_locked': {},
  'customer.registration_recovery_sent': {},
  'customer.registration_details_sent': {},
  'license.issued': {},
  'license.plan_changed': {},
  'license.suspended': {},
  'license.resumed': {},
  'license.cancelled': {},
  'activation.created': {},
  'activation.checked_in': { highVolume: true },
  'activation.reactivated': {},
  'activation.drifted': {},
  'activation.check_in_refused': {},
  'activation.reset': {},
  'activation.deactivated': {},
  'assignment.created': {},
  'assignment.moved': {},
  'assignment.rebound': {},
  'assignment.released': {},
  'resource.reported': {},
  'resource.health_changed': {},
  'integration_key.created': {},
  'integration_key.revoked': {},
  'portal_user.registered': {},
  'portal_user.logged_on': {},
  'portal_user.logon_failed': {},
  'portal_user.logon_locked': {},
  'portal_user.logged_out': {},
  'portal_user.invited': {},
  'portal_user.invitation_resent': {},
  'portal_user.invitation_accepted': {},
  'portal_user.updated': {},
  'portal_user.role_changed': {},
  'portal_user.removed': {},
  'portal_user.password_reset_requested': {},
  'portal_user.password_reset': {},
  'portal.password_reset_unknown_email': {},
  'support_request.created': {},
  'support_request.closed': {},
  'product.created': {},
  'product.updated': {},
  'feature.created': {},
  'feature.updated': {},
  'policy.created': {},
  'policy.updated': {},
  'plan.created': {},
  'plan.updated': {},
  'plan.upgrade_added': {},
  'plan.upgrade_removed': {},
  'staff.created': {},
  'staff.logged_on': {},
  'staff.logon_failed': {},
  'staff.logon_locked': {},
  'staff.logged_out': {},
  'staff.totp_enabled': {},
  'staff.invited': {},
  'staff.invitation_cancelled': {},
  'staff.invitation_resent': {},
  'staff.invitation_accepted': {},
  'staff.role_changed': {},
  'staff.disabled': {},
  'staff.enabled': {},
  'staff.totp_reset': {},
  'admin_key.created': {},
  'signing_key.created': {},
  'signing_key.retired': {},
  'mail.retried': {},
  'webhook_endpoint.created': {},
  'webhook_endpoint.updated': {},
  'webhook_endpoint.disabled': {},
  'webhook_endpoint.deleted': {},
  'webhook_delivery.retried': {},
  'webhook.test': { webhooks: false },
} as const satisfies Record<string, EventTypeTraits>;

export type EventType = keyof typeof EVENT_TYPES;

/** Whether events of this type go to the endpoints subscribed to it. */
export function deliveredToSubscribers(type: string): boolean {
  return (EVENT_TYPES as Record<string, EventTypeTraits>)[type]?.webhooks !== false;
}

/** The catalogue as the admin API answers it, in the order above (grouped by what they are about). */
export function eventTypeList(): { type: EventType; highVolume: boolean; webhooks: boolean }[] {
  return Object.entries(EVENT_TYPES as Record<EventType, EventTypeTraits>).map(([type, traits]) => ({
    type: type as EventType,
    highVolume: traits.highVolume === true,
    webhooks: traits.webhooks !== false,
  }));
}
