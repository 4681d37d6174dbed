import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';

const PREFIX = 'lh1';
const KEY_BYTES = 32;
const IV_BYTES = 12;
const TAG_BYTES = 16;

/** A master key that is not the one the value was sealed under, or a value that was changed. */
export class SecretBoxError extends Error {
  constructor(message: string, readonly sealedUnder: string | null) {
    super(message);
    this.name = 'SecretBoxError';
  }
}

/**
 * Envelope encryption for the secrets the database keeps (private signing keys, TOTP secrets,
 * webhook secrets): each value gets its own data key, AES-256-GCM; the data key is sealed under the
 * master key, which the database never holds. The context (table, column, row) is authenticated
 * with both, so a sealed value moved to another row does not open.
 *
 * A sealed value reads `lh1.<master key id>.<sealed data key>.<sealed value>`, base64url parts.
 *
 * @example
 * const box = new SecretBox(masterKey);
 * const stored = box.seal(totpSecret, `staff_users.totp_secret:${staffId}`);
 * box.open(stored, `staff_users.totp_secret:${staffId}`) === totpSecret;
 */
export class SecretBox {
  /** Names the master key without revealing it, so a value sealed under another key says so. */
  readonly keyId: string;

  constructor(private readonly masterKey: Buffer) {
    if (masterKey.length !== KEY_BYTES) throw new Error(`A master key is ${KEY_BYTES} bytes, not ${masterKey.length}.`);
    this.keyId = masterKeyId(masterKey);
  }

  static isSealed(value: string): boolean {
    return value.startsWith(`${PREFIX}.`);
  }

  seal(plaintext: string, context: string): string {
    const dataKey = randomBytes(KEY_BYTES);
    const sealedKey = gcmSeal(this.masterKey, dataKey, `${context}#key`);
    const sealedValue = gcmSeal(dataKey, Buffer.from(plaintext, 'utf8'), context);
    return [PREFIX, this.keyId, sealedKey.toString('base64url'), sealedValue.toString('base64url')].join('.');
  }

  open(sealed: string, context: string): string {
    const { dataKey, sealedValue } = this.unwrap(sealed, context);
    try {
      return gcmOpen(dataKey, sealedValue, context).toString('utf8');
    } catch {
      throw new SecretBoxError(`A value sealed for ${context} does not open: it was changed, or copied from another row.`, this.keyId);
    }
  }

  /** The same value sealed under `next`: only its data key is sealed again. */
  reseal(sealed: string, context: string, next: SecretBox): string {
    const { dataKey, sealedValue } = this.unwrap(sealed, context);
    // Checks the value before it is carried over, so a damaged one is found now, not after the old key is gone.
    try {
      gcmOpen(dataKey, sealedValue, context);
    } catch {
      throw new SecretBoxError(`A value sealed for ${context} does not open: it was changed, or copied from another row.`, this.keyId);
    }
    return [PREFIX, next.keyId, gcmSeal(next.masterKey, dataKey, `${context}#key`).toString('base64url'), sealedValue.toString('base64url')].join('.');
  }

  /** The id of the master key a value was sealed under, or null when it is not sealed. */
  static sealedUnder(value: string): string | null {
    return SecretBox.isSealed(value) ? (value.split('.')[1] ?? null) : null;
  }

  private unwrap(sealed: string, context: string): { dataKey: Buffer; sealedValue: Buffer } {
    const parts = sealed.split('.');
    if (parts.length !== 4 || parts[0] !== PREFIX) throw new SecretBoxError(`The value kept for ${context} is not sealed.`, null);
    const [, keyId, sealedKey, sealedValue] = parts;
    if (keyId !== this.keyId) {
      throw new SecretBoxError(`The value kept for ${context} was sealed under master key ${keyId}, but this server was given master key ${this.keyId}. Start it with the master key the data was sealed under (LEASEHOLD_MASTER_KEY or LEASEHOLD_MASTER_KEY_FILE).`, keyId);
    }
    try {
      return { dataKey: gcmOpen(this.masterKey, Buffer.from(sealedKey, 'base64url'), `${context}#key`), sealedValue: Buffer.from(sealedValue, 'base64url') };
    } catch {
      throw new SecretBoxError(`A value sealed for ${context} does not open: it was changed, or copied from another row.`, keyId);
    }
  }
}

/** A short, stable name for a master key: a hash, so it tells keys apart and reveals nothing of them. */
export function masterKeyId(masterKey: Buffer): string {
  return createHash('sha256').update('leasehold master key id\0').update(masterKey).digest('base64url').slice(0, 11);
}

function gcmSeal(key: Buffer, plaintext: Buffer, context: string): Buffer {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(context, 'utf8'));
  const body = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return Buffer.concat([iv, body, cipher.getAuthTag()]);
}

function gcmOpen(key: Buffer, sealed: Buffer, context: string): Buffer {
  if (sealed.length < IV_BYTES + TAG_BYTES) throw new Error('too short');
  const decipher = createDecipheriv('aes-256-gcm', key, sealed.subarray(0, IV_BYTES));
  decipher.setAAD(Buffer.from(context, 'utf8'));
  decipher.setAuthTag(sealed.subarray(sealed.length - TAG_BYTES));
  return Buffer.concat([decipher.update(sealed.subarray(IV_BYTES, sealed.length - TAG_BYTES)), decipher.final()]);
}
