import type { Activation, Assignment } from '@leasehold/core';
import type { Db } from '@leasehold/db';
import { rowToActivation, rowToAssignment } from '../assignments/assignment.repository.ts';
import { rowToLicense, type LicenseRecord } from '../licenses/license.repository.ts';

export interface CustomerRef {
  id: string;
  number: string;
  name: string;
}

export interface ImpactLicense extends LicenseRecord {
  customer: CustomerRef;
}

/** An unreleased seat on a license, with its activation when the resource is a machine. */
export interface ImpactSeat {
  assignment: Assignment;
  activation: Activation | null;
}

/** Ids of the plans a change reaches: of a policy, of a feature's slots, or of a product. */
export async function planIdsWhere(db: Db, where: { policyId?: string; featureId?: string; productId?: string }): Promise<string[]> {
  if (where.featureId) {
    return (await db.selectFrom('plan_slots').select('plan_id').where('feature_id', '=', where.featureId).execute()).map((r) => r.plan_id);
  }
  let query = db.selectFrom('plans').select('id');
  if (where.policyId) query = query.where('policy_id', '=', where.policyId);
  if (where.productId) query = query.where('product_id', '=', where.productId);
  return (await query.execute()).map((r) => r.id);
}

/** Every license of the plans, with its customer. */
export async function licensesOfPlans(db: Db, planIds: string[]): Promise<ImpactLicense[]> {
  if (planIds.length === 0) return [];
  const rows = await db
    .selectFrom('licenses')
    .innerJoin('customers', 'customers.id', 'licenses.customer_id')
    .selectAll('licenses')
    .select(['customers.number as c_number', 'customers.name as c_name'])
    .where('licenses.plan_id', 'in', planIds)
    .orderBy('customers.number')
    .orderBy('licenses.id')
    .execute();
  return rows.map((row) => ({ ...rowToLicense(row), customer: { id: row.customer_id, number: row.c_number, name: row.c_name } }));
}

/** Every license of the customers who hold a license of one of the plans: a customer's pools and bill are over all of them. */
export async function licensesOfCustomersOfPlans(db: Db, planIds: string[]): Promise<LicenseRecord[]> {
  if (planIds.length === 0) return [];
  const rows = await db
    .selectFrom('licenses')
    .selectAll()
    .where('customer_id', 'in', (eb) => eb.selectFrom('licenses').select('customer_id').where('plan_id', 'in', planIds))
    .orderBy('starts_at')
    .orderBy('id')
    .execute();
  return rows.map(rowToLicense);
}

/** Unreleased seats on licenses of the plans (optionally of one feature), with machine activations. */
export async function seatsOfPlans(db: Db, planIds: string[], featureId?: string): Promise<ImpactSeat[]> {
  if (planIds.length === 0) return [];
  let query = db
    .selectFrom('assignments')
    .leftJoin('activations', 'activations.assignment_id', 'assignments.id')
    .selectAll('assignments')
    .select([
      'activations.assignment_id', 'activations.fingerprint', 'activations.host_name', 'activations.platform', 'activations.app_version',
      'activations.activated_at', 'activations.last_check_in_at', 'activations.lease_expires_at',
    ])
    .where('assignments.released_at', 'is', null)
    .where('assignments.license_id', 'in', (eb) => eb.selectFrom('licenses').select('id').where('plan_id', 'in', planIds));
  if (featureId) query = query.where('assignments.feature_id', '=', featureId);
  const rows = await query.orderBy('assignments.id').execute();
  return rows.map((row) => ({
    assignment: rowToAssignment(row),
    activation: row.assignment_id === null ? null : rowToActivation({
      assignment_id: row.assignment_id, fingerprint: row.fingerprint!, host_name: row.host_name!, platform: row.platform!, app_version: row.app_version!,
      activated_at: row.activated_at!, last_check_in_at: row.last_check_in_at!, lease_expires_at: row.lease_expires_at!,
    }),
  }));
}

/** Unreleased assignments of the customers who hold a license of one of the plans. */
export async function assignmentsOfCustomersOfPlans(db: Db, planIds: string[]): Promise<Assignment[]> {
  if (planIds.length === 0) return [];
  const rows = await db
    .selectFrom('assignments')
    .selectAll()
    .where('released_at', 'is', null)
    .where('customer_id', 'in', (eb) => eb.selectFrom('licenses').select('customer_id').where('plan_id', 'in', planIds))
    .execute();
  return rows.map(rowToAssignment);
}

/** The drift recorded at check-ins since `since` on unreleased seats of the plans: which components changed, and when. */
export async function driftsOfPlans(db: Db, planIds: string[], since: number): Promise<{ assignmentId: string; changed: string[]; at: number }[]> {
  if (planIds.length === 0) return [];
  const rows = await db
    .selectFrom('events')
    .select(['subject_id', 'data', 'created_at'])
    .where('type', '=', 'activation.drifted')
    .where('created_at', '>=', since)
    .where('subject_id', 'in', (eb) => eb.selectFrom('assignments').select('id')
      .where('released_at', 'is', null)
      .where('license_id', 'in', (inner) => inner.selectFrom('licenses').select('id').where('plan_id', 'in', planIds)))
    .orderBy('created_at')
    .execute();
  return rows.map((row) => {
    const data = JSON.parse(row.data) as { changed?: unknown };
    return { assignmentId: row.subject_id, changed: Array.isArray(data.changed) ? data.changed.map(String) : [], at: Number(row.created_at) };
  });
}

/** Times of the resets that count against each license's budget since `since`, for the licenses of the plans. */
export async function countedResetsOfPlans(db: Db, planIds: string[], since: number): Promise<Map<string, number[]>> {
  const times = new Map<string, number[]>();
  if (planIds.length === 0) return times;
  const rows = await db
    .selectFrom('resets')
    .select(['license_id', 'created_at'])
    .where('counted', '=', 1)
    .where('created_at', '>', since)
    .where('license_id', 'in', (eb) => eb.selectFrom('licenses').select('id').where('plan_id', 'in', planIds))
    .execute();
  for (const row of rows) times.set(row.license_id, [...(times.get(row.license_id) ?? []), Number(row.created_at)]);
  return times;
}

/** The customers who hold a license of the plan, in id order: the order their rows are locked in. */
export async function customerIdsOfPlan(db: Db, planId: string): Promise<string[]> {
  const rows = await db.selectFrom('licenses').select('customer_id').distinct().where('plan_id', '=', planId).orderBy('customer_id').execute();
  return rows.map((r) => r.customer_id);
}
