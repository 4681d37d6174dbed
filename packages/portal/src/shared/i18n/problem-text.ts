import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/http-client.ts';

/**
 * What to tell a person about a failed request: the translated message for its code, else the
 * server's own detail. A message may name the problem's fields ({{customerNumber}}) and, in
 * English, the server's detail ({{detail}}), which is in English. A field error with a code of
 * its own (a name with characters it cannot hold) is told by that code's message.
 */
export function problemText(t: TFunction, exists: (key: string) => boolean, error: unknown): string {
  if (error instanceof ApiError) {
    const fieldCode = error.problem.errors?.find((e) => e.code && exists(`fieldErrors.${e.code}`))?.code;
    if (fieldCode) return (t as (k: string) => string)(`fieldErrors.${fieldCode}`);
    const key = `errors.${error.code}`;
    const retryAfter = Number(error.problem.retryAfterSeconds ?? 0);
    const vars = { ...error.problem, minutes: Math.max(1, Math.ceil(retryAfter / 60)) };
    if (exists(key)) return (t as (k: string, v: object) => string)(key, vars);
    return error.problem.detail || t('errors.UNKNOWN');
  }
  return t('errors.UNKNOWN');
}

export function useProblemText(): (error: unknown) => string {
  const { t, i18n } = useTranslation();
  return (error) => problemText(t, (key) => i18n.exists(key), error);
}
