/**
 * The tables as Kysely sees them. Times are epoch milliseconds (bigint in PostgreSQL, integer in
 * SQLite); flags are 0/1 integers and JSON is text, so one set of queries serves both databases.
 */
export interface Database {
  products: ProductTable;
  features: FeatureTable;
  policies: PolicyTable;
  plans: PlanTable;
  plan_slots: PlanSlotTable;
  plan_upgrades: PlanUpgradeTable;
  customers: CustomerTable;
  licenses: LicenseTable;
  resources: ResourceTable;
  assignments: AssignmentTable;
  activations: ActivationTable;
  activation_components: ActivationComponentTable;
  resets: ResetTable;
  events: EventTable;
  admin_api_keys: ApiKeyTable;
  integration_keys: IntegrationKeyTable;
  signing_keys: SigningKeyTable;
  portal_users: PortalUserTable;
  portal_sessions: PortalSessionTable;
  login_throttle: LoginThrottleTable;
  email_tokens: EmailTokenTable;
  mail_outbox: MailOutboxTable;
  support_requests: SupportRequestTable;
  counters: CounterTable;
  registration_tickets: RegistrationTicketTable;
  webhook_endpoints: WebhookEndpointTable;
  webhook_subscriptions: WebhookSubscriptionTable;
  webhook_deliveries: WebhookDeliveryTable;
  staff_users: StaffUserTable;
  staff_sessions: StaffSessionTable;
}

export interface ProductTable {
  id: string;
  code: string;
  name: string;
  fingerprint_salt: string;
  created_at: number;
}

export interface FeatureTable {
  id: string;
  product_id: string;
  code: string;
  name_en: string;
  name_fr: string | null;
  seat_kind: string;
  created_at: number;
}

export interface PolicyTable {
  id: string;
  product_id: string;
  name: string;
  mode: 'node_locked' | 'floating';
  check_in_interval_seconds: number;
  lease_seconds: number;
  fingerprint_tolerance: number;
  min_components: number;
  reset_limit: number;
  reset_window_seconds: number;
  heartbeat_seconds: number;
  term_days: number | null;
  created_at: number;
}

export interface PlanTable {
  id: string;
  product_id: string;
  code: string;
  name_en: string;
  name_fr: string | null;
  policy_id: string;
  price_cents: number;
  currency: string;
  period: 'month' | 'year';
  created_at: number;
}

export interface PlanSlotTable {
  plan_id: string;
  feature_id: string;
  quantity: number;
}

export interface PlanUpgradeTable {
  from_plan_id: string;
  to_plan_id: string;
}

export interface CustomerTable {
  id: string;
  number: string;
  name: string;
  status: 'active' | 'suspended';
  registration_key_hash: string;
  contact_name: string | null;
  contact_email: string | null;
  phone: string | null;
  address_line1: string | null;
  address_line2: string | null;
  city: string | null;
  region: string | null;
  postal_code: string | null;
  country: string | null;
  locale: string;
  created_at: number;
  updated_at: number;
}

export interface LicenseTable {
  id: string;
  customer_id: string;
  plan_id: string;
  key_hash: string;
  key_prefix: string;
  status: 'active' | 'suspended' | 'cancelled';
  starts_at: number;
  expires_at: number | null;
  /** What the license is billed per period: its plan's price when it took that plan (migration 009). */
  price_cents: number;
  currency: string;
  period: 'month' | 'year';
  created_at: number;
  updated_at: number;
}

export interface ResourceTable {
  id: string;
  customer_id: string;
  kind: string;
  external_id: string;
  name: string;
  reachable: number;
  synchronised: number;
  missing: number;
  last_reported_at: number | null;
  created_at: number;
  updated_at: number;
}

export interface AssignmentTable {
  id: string;
  customer_id: string;
  license_id: string;
  feature_id: string;
  resource_id: string;
  created_at: number;
  released_at: number | null;
  release_reason: string | null;
  held_until: number | null;
}

export interface ActivationTable {
  assignment_id: string;
  fingerprint: string;
  host_name: string;
  platform: string;
  app_version: string;
  activated_at: number;
  last_check_in_at: number;
  lease_expires_at: number;
  /** SHA-256 of the secret the app got at activation, to prove it is this computer when it gives its seat back; null before migration 011. */
  secret_hash: string | null;
}

/** One fingerprint component of an activation, so a presented fingerprint finds its machine by index. */
export interface ActivationComponentTable {
  assignment_id: string;
  customer_id: string;
  feature_id: string;
  name: string;
  hash: string;
}

export interface ResetTable {
  id: string;
  customer_id: string;
  license_id: string;
  assignment_id: string;
  actor_type: string;
  actor_id: string | null;
  reason: string;
  counted: number;
  created_at: number;
}

export interface EventTable {
  id: string;
  customer_id: string | null;
  type: string;
  actor_type: string;
  actor_id: string | null;
  subject_type: string;
  subject_id: string;
  data: string;
  created_at: number;
}

export interface ApiKeyTable {
  id: string;
  name: string;
  key_hash: string;
  key_prefix: string;
  created_at: number;
  last_used_at: number | null;
  revoked_at: number | null;
}

export interface IntegrationKeyTable {
  id: string;
  customer_id: string;
  name: string;
  key_hash: string;
  key_prefix: string;
  created_at: number;
  revoked_at: number | null;
}

export interface SigningKeyTable {
  kid: string;
  /** 'root' certifies the signing keys; 'signing' signs leases and files. */
  role: 'root' | 'signing';
  /** The private JWK, sealed under the master key (`lh1.…`). */
  private_jwk: string;
  public_jwk: string;
  /** A signing key's certificate: a JWS by the root key over its public key. */
  certificate: string | null;
  created_at: number;
  retired_at: number | null;
}

export interface PortalUserTable {
  id: string;
  customer_id: string;
  email: string;
  name: string;
  password_hash: string;
  role: 'owner' | 'admin' | 'viewer';
  locale: string;
  created_at: number;
  last_login_at: number | null;
  disabled_at: number | null;
}

export interface PortalSessionTable {
  id_hash: string;
  user_id: string;
  customer_id: string;
  csrf_token: string;
  created_at: number;
  expires_at: number;
  revoked_at: number | null;
}

export type StaffRole = 'owner' | 'support' | 'read_only';

export interface StaffUserTable {
  id: string;
  email: string;
  name: string;
  password_hash: string;
  role: StaffRole;
  totp_secret: string | null;
  totp_pending_secret: string | null;
  totp_last_step: number | null;
  created_at: number;
  last_login_at: number | null;
  disabled_at: number | null;
}

export interface StaffSessionTable {
  id_hash: string;
  staff_id: string;
  csrf_token: string;
  created_at: number;
  expires_at: number;
  revoked_at: number | null;
}

export interface LoginThrottleTable {
  key: string;
  failures: number;
  first_failure_at: number;
  locked_until: number | null;
}

export interface EmailTokenTable {
  token_hash: string;
  purpose: 'password_reset' | 'invitation' | 'registration_reissue' | 'staff_invitation';
  /** null for the tokens of staff accounts, which belong to no customer. */
  customer_id: string | null;
  user_id: string | null;
  email: string;
  data: string;
  created_at: number;
  expires_at: number;
  used_at: number | null;
}

export interface MailOutboxTable {
  id: string;
  customer_id: string | null;
  to_address: string;
  template: string;
  locale: string;
  subject: string;
  text_body: string;
  html_body: string | null;
  /** `sending` while a sender holds it (until next_attempt_at, its lease). */
  status: 'pending' | 'sending' | 'sent' | 'failed';
  attempts: number;
  next_attempt_at: number;
  last_error: string | null;
  created_at: number;
  sent_at: number | null;
}

export interface SupportRequestTable {
  id: string;
  kind: 'registration_details' | 'question';
  customer_id: string | null;
  portal_user_id: string | null;
  name: string | null;
  business_name: string | null;
  address: string | null;
  email: string;
  subject: string | null;
  message: string | null;
  status: 'open' | 'closed';
  created_at: number;
  closed_at: number | null;
}

export interface CounterTable {
  name: string;
  value: number;
}

export interface RegistrationTicketTable {
  token_hash: string;
  customer_id: string;
  /** The registration key hash the ticket was got with: a re-issued key ends the ticket. */
  registration_key_hash: string;
  created_at: number;
  expires_at: number;
  used_at: number | null;
}

export interface WebhookEndpointTable {
  id: string;
  url: string;
  description: string | null;
  secret: string;
  /** JSON array of the patterns as given: `activation.reset`, `activation.*`, `*`. */
  event_types: string;
  enabled: number;
  created_at: number;
  updated_at: number;
  disabled_at: number | null;
}

export interface WebhookSubscriptionTable {
  pattern: string;
  endpoint_id: string;
}

export interface WebhookDeliveryTable {
  id: string;
  endpoint_id: string;
  event_id: string;
  status: 'pending' | 'sending' | 'delivered' | 'failed' | 'cancelled';
  attempts: number;
  next_attempt_at: number;
  last_attempt_at: number | null;
  last_status_code: number | null;
  last_error: string | null;
  delivered_at: number | null;
  created_at: number;
}
