import type { Resource } from 'i18next';
import { sharedEn } from '../../shared/i18n/shared-en.ts';
import { sharedFr } from '../../shared/i18n/shared-fr.ts';
import { portalEn } from './en.ts';
import { portalFr } from './fr.ts';

export const PORTAL_RESOURCES: Resource = {
  en: { translation: { ...sharedEn, ...portalEn } },
  fr: { translation: { ...sharedFr, ...portalFr } },
};

declare module 'i18next' {
  interface CustomTypeOptions {
    resources: { translation: typeof sharedEn & typeof portalEn };
  }
}
