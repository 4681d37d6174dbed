// Chromium for the portal's end-to-end tests, from Debian's packages (scripts/debian-package.mjs).
import { ensureDebianPackage } from './debian-package.mjs';

export const CHROMIUM_PATH = process.env.LEASEHOLD_CHROMIUM ?? '/usr/bin/chromium';

/** Resolves when Chromium is at CHROMIUM_PATH; throws an Error that says how to get it otherwise. */
export function ensureChromium({ log = console.log } = {}) {
  return ensureDebianPackage({ path: CHROMIUM_PATH, pkg: 'chromium', what: 'Chromium', alternative: 'or set LEASEHOLD_CHROMIUM to a Chromium binary', log });
}
