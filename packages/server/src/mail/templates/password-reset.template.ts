import { formatTime, type Template } from './template.ts';

export interface PasswordResetVars {
  name: string;
  link: string;
  expiresAt: number;
}

export const passwordReset: Template<PasswordResetVars> = {
  en: (v) => ({
    subject: 'Reset your client portal password',
    blocks: [
      `Hello ${v.name},`,
      'Someone asked to reset the password of your client portal account. To choose a new password, open this link:',
      { label: 'Choose a new password', url: v.link },
      `The link works once, until ${formatTime(v.expiresAt, 'en')}. If you did not ask for this, ignore this email: your password stays as it is.`,
    ],
  }),
  fr: (v) => ({
    subject: 'Réinitialisez votre mot de passe du portail client',
    blocks: [
      `Bonjour ${v.name},`,
      'Une réinitialisation du mot de passe de votre compte du portail client a été demandée. Pour choisir un nouveau mot de passe, ouvrez ce lien :',
      { label: 'Choisir un nouveau mot de passe', url: v.link },
      `Le lien ne fonctionne qu'une fois, jusqu'au ${formatTime(v.expiresAt, 'fr')}. Si vous n'avez rien demandé, ignorez ce courriel : votre mot de passe ne change pas.`,
    ],
  }),
};
