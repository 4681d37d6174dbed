import { DomainError } from '@leasehold/core';
import type { Db } from '@leasehold/db';
import { findProduct } from './catalog.repository.ts';

export interface ClientConfig {
  product: string;
  /** The key of the HMAC the SDK hashes each fingerprint component with, so hashes differ between products. */
  fingerprintSalt: string;
  jwksUrl: string;
}

/**
 * What an app of the product needs before its first activation. Nothing here is secret: the salt
 * ships inside every copy of the app, and it only keeps raw hardware values off the wire.
 */
export async function clientConfig(db: Db, productCode: string, publicUrl: string): Promise<ClientConfig> {
  const product = await findProduct(db, productCode);
  if (!product || product.code !== productCode) {
    throw new DomainError('NOT_FOUND', `No product "${productCode}". Check the product code the app is built with.`);
  }
  return { product: product.code, fingerprintSalt: product.fingerprintSalt, jwksUrl: `${publicUrl}/.well-known/jwks.json` };
}
