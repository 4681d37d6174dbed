import type { LeaseholdDatabase } from '@leasehold/db';
import { SecretBox, SecretBoxError } from './secret-box.ts';
import { SEALED_COLUMNS, sealContext, type SealedColumn } from './sealed-columns.ts';
import { listStoredValues, replaceStoredValue } from './sealed-values.repository.ts';

/**
 * Seals the secrets a database made before sealing existed still keeps in plaintext, at every
 * start, in one transaction; answers how many it sealed (none once done). A value sealed under
 * another master key stops the start here, before anything fails at its first use.
 */
export async function sealPlaintextSecrets(database: LeaseholdDatabase, secrets: SecretBox): Promise<number> {
  return database.transaction(async (trx) => {
    let sealed = 0;
    const underOther = new Map<string, number>();
    for (const column of SEALED_COLUMNS) {
      for (const { id, value } of await listStoredValues(trx, column)) {
        const keyId = SecretBox.sealedUnder(value);
        if (keyId === null) {
          await replaceStoredValue(trx, column, id, value, secrets.seal(value, sealContext(column, id)));
          sealed++;
        } else if (keyId !== secrets.keyId) {
          underOther.set(keyId, (underOther.get(keyId) ?? 0) + 1);
        }
      }
    }
    if (underOther.size > 0) {
      const [keyId, count] = [...underOther].sort((a, b) => b[1] - a[1])[0];
      throw new SecretBoxError(
        `${count} ${count === 1 ? 'secret' : 'secrets'} in the database ${count === 1 ? 'was' : 'were'} sealed under master key ${keyId}, but this server was given master key ${secrets.keyId}. ` +
          'Start it with the master key the data was sealed under (LEASEHOLD_MASTER_KEY or LEASEHOLD_MASTER_KEY_FILE); after `leasehold master-key rotate`, that is the new key.',
        keyId,
      );
    }
    return sealed;
  });
}

export interface ResealSummary {
  /** The ids (not the keys) of the master keys the values were sealed under, and are now. */
  from: string;
  to: string;
  /** Values moved from the current master key to the new one. */
  resealed: number;
  /** Values found in plaintext (a database not started since sealing existed), now sealed under the new key. */
  sealedFromPlaintext: number;
  /** Values already under the new key: a rotation run again after it succeeded. */
  alreadyUnderNewKey: number;
  /** Per column, the values this rotation sealed under the new key (resealed or from plaintext). */
  columns: { table: string; column: string; what: string; resealed: number }[];
}

/** Some sealed values do not open under the current master key; nothing was changed. */
export class ResealRefusedError extends Error {
  override name = 'ResealRefusedError';
}

/**
 * Seals every secret the database keeps under `next` instead of `current`, in one transaction.
 * Every value is checked before any is written: if one does not open under `current`, none moves
 * and the error names them.
 */
export async function resealSecrets(database: LeaseholdDatabase, current: SecretBox, next: SecretBox): Promise<ResealSummary> {
  if (current.keyId === next.keyId) throw new ResealRefusedError(`The new master key is the one in use (${current.keyId}). Make another with \`leasehold master-key generate\`.`);
  return database.transaction(async (trx) => {
    const summary: ResealSummary = { from: current.keyId, to: next.keyId, resealed: 0, sealedFromPlaintext: 0, alreadyUnderNewKey: 0, columns: [] };
    const writes: { column: SealedColumn; id: string; was: string; value: string }[] = [];
    const failures: { context: string; error: SecretBoxError }[] = [];
    for (const column of SEALED_COLUMNS) {
      let written = 0;
      for (const { id, value } of await listStoredValues(trx, column)) {
        const context = sealContext(column, id);
        if (!SecretBox.isSealed(value)) {
          writes.push({ column, id, was: value, value: next.seal(value, context) });
          summary.sealedFromPlaintext++;
          written++;
        } else if (SecretBox.sealedUnder(value) === next.keyId) {
          summary.alreadyUnderNewKey++;
        } else {
          try {
            writes.push({ column, id, was: value, value: current.reseal(value, context, next) });
            summary.resealed++;
            written++;
          } catch (error) {
            if (!(error instanceof SecretBoxError)) throw error;
            failures.push({ context, error });
          }
        }
      }
      summary.columns.push({ table: column.table, column: column.column, what: column.what, resealed: written });
    }
    if (failures.length > 0) throw refusal(failures, current);
    for (const { column, id, was, value } of writes) await replaceStoredValue(trx, column, id, was, value);
    return summary;
  });
}

function refusal(failures: { context: string; error: SecretBoxError }[], current: SecretBox): ResealRefusedError {
  const underOther = new Map<string, number>();
  let damaged = 0;
  for (const { error } of failures) {
    if (error.sealedUnder && error.sealedUnder !== current.keyId) underOther.set(error.sealedUnder, (underOther.get(error.sealedUnder) ?? 0) + 1);
    else damaged++;
  }
  const reasons = [
    ...[...underOther].map(([keyId, count]) => `${count} sealed under master key ${keyId}`),
    ...(damaged ? [`${damaged} changed or copied from another row`] : []),
  ];
  const named = failures.slice(0, 3).map((f) => f.context).join(', ') + (failures.length > 3 ? ', …' : '');
  return new ResealRefusedError(
    `Nothing was resealed: ${failures.length} ${failures.length === 1 ? 'value does' : 'values do'} not open under the current master key ${current.keyId} (${reasons.join('; ')}: ${named}). ` +
      'Set LEASEHOLD_MASTER_KEY or LEASEHOLD_MASTER_KEY_FILE to the key the servers run with now, and LEASEHOLD_NEW_MASTER_KEY or LEASEHOLD_NEW_MASTER_KEY_FILE to the new one.',
  );
}
