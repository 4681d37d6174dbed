import argon2 from 'argon2';

// OWASP's argon2id baseline (19 MiB, 2 passes, 1 lane): tens of milliseconds per log-on, not hundreds.
const OPTIONS = { type: argon2.argon2id, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export function hashPassword(password: string): Promise<string> {
  return argon2.hash(password, OPTIONS);
}

let dummyHash: Promise<string> | undefined;

/**
 * Checks a password against the stored hash. With no hash (no such user) it checks against a
 * throwaway one, so an unknown email takes as long to refuse as a wrong password.
 */
export async function passwordMatches(hash: string | null, password: string): Promise<boolean> {
  if (hash === null) {
    await argon2.verify(await (dummyHash ??= hashPassword('not the password of anyone')), password);
    return false;
  }
  try {
    return await argon2.verify(hash, password);
  } catch {
    return false;
  }
}
