import { formatTime, type Template } from './template.ts';

/** Tells the address on file that a computer's license was reset, so an unexpected reset is noticed. */
export interface LicenseResetNoticeVars {
  customerName: string;
  computerName: string;
  /** The portal user's name; null when it was done with the registration details or a license key. */
  resetBy: string | null;
  at: number;
  remaining: number;
  limit: number;
  windowDays: number;
}

export const licenseResetNotice: Template<LicenseResetNoticeVars> = {
  en: (v) => ({
    subject: `License reset for ${v.computerName}`,
    blocks: [
      `Hello ${v.customerName},`,
      `The license of the computer "${v.computerName}" was reset ${v.resetBy ? `by ${v.resetBy}` : 'with your registration details'} on ${formatTime(v.at, 'en')}. It can now be activated on another computer.`,
      `Resets left on this license: ${v.remaining} of ${v.limit} per ${v.windowDays} days.`,
      'If you did not expect this, log on to the client portal to see who did it, or send us a request.',
    ],
  }),
  fr: (v) => ({
    subject: `Licence réinitialisée pour ${v.computerName}`,
    blocks: [
      `Bonjour ${v.customerName},`,
      `La licence de l'ordinateur « ${v.computerName} » a été réinitialisée ${v.resetBy ? `par ${v.resetBy}` : "avec vos informations d'enregistrement"} le ${formatTime(v.at, 'fr')}. Elle peut maintenant être activée sur un autre ordinateur.`,
      `Réinitialisations restantes pour cette licence : ${v.remaining} sur ${v.limit} par période de ${v.windowDays} jours.`,
      "Si vous ne vous y attendiez pas, connectez-vous au portail client pour voir qui l'a fait, ou envoyez-nous une demande.",
    ],
  }),
};
