import type { Resource } from 'i18next';
import { useTranslation } from 'react-i18next';
import { sharedEn } from '../../shared/i18n/shared-en.ts';
import { sharedFr } from '../../shared/i18n/shared-fr.ts';
import { adminEn } from './en.ts';
import { adminFr } from './fr.ts';

// The console's own words override the shared ones of the same name (its error texts speak to staff).
const merge = (shared: Record<string, any>, own: Record<string, any>) => ({ ...shared, ...own, errors: { ...shared.errors, ...own.errors } });

export const ADMIN_RESOURCES: Resource = {
  en: { translation: merge(sharedEn, adminEn) },
  fr: { translation: merge(sharedFr, adminFr) },
};

type Translate = (key: string, vars?: Record<string, unknown>) => string;

/**
 * The translate function with the console's keys. The i18next key types are declared once for the
 * whole package (by the portal), so the console's keys are plain strings here; dictionaries.test.ts
 * keeps the two languages key for key.
 */
export function useT(): Translate {
  return useTranslation().t as unknown as Translate;
}
