import { useTranslation } from 'react-i18next';
import { useLanguage } from '../../shared/i18n/i18n.ts';
import { useSession } from '../session/session-context.tsx';

/** Switches English/French; the choice is remembered on this browser and on the account. */
export function LanguageSwitch() {
  const { t } = useTranslation();
  const language = useLanguage();
  const { changeLanguage } = useSession();
  const other = language === 'en' ? 'fr' : 'en';
  return (
    <button type="button" className="btn btn-quiet language-switch" lang={`${other}-CA`} onClick={() => void changeLanguage(other)}
      aria-label={t('nav.switchLanguageLabel')}>
      {t('nav.otherLanguage')}
    </button>
  );
}
