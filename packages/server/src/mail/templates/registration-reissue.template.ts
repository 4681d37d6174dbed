import { formatTime, type Template } from './template.ts';

/** The answer to "I don't know my registration details", sent only to the address on file. */
export interface RegistrationReissueVars {
  customerName: string;
  customerNumber: string;
  link: string;
  expiresAt: number;
}

export const registrationReissue: Template<RegistrationReissueVars> = {
  en: (v) => ({
    subject: `Your customer number and a new registration key (customer ${v.customerNumber})`,
    blocks: [
      `Hello ${v.customerName},`,
      `Someone asked for the registration details of ${v.customerName}. Your customer number is ${v.customerNumber}.`,
      'Registration keys are never stored in a readable form, so we cannot send the old one. To get a new registration key, open this link:',
      { label: 'Get a new registration key', url: v.link },
      `The link works once, until ${formatTime(v.expiresAt, 'en')}. The new key replaces the old one, which then stops working. If you did not ask for this, ignore this email: nothing changes.`,
    ],
  }),
  fr: (v) => ({
    subject: `Votre numéro de client et une nouvelle clé d'enregistrement (client ${v.customerNumber})`,
    blocks: [
      `Bonjour ${v.customerName},`,
      `Les informations d'enregistrement de ${v.customerName} ont été demandées. Votre numéro de client est ${v.customerNumber}.`,
      "Les clés d'enregistrement ne sont jamais conservées sous une forme lisible : nous ne pouvons pas renvoyer l'ancienne. Pour obtenir une nouvelle clé d'enregistrement, ouvrez ce lien :",
      { label: "Obtenir une nouvelle clé d'enregistrement", url: v.link },
      `Le lien ne fonctionne qu'une fois, jusqu'au ${formatTime(v.expiresAt, 'fr')}. La nouvelle clé remplace l'ancienne, qui cesse alors de fonctionner. Si vous n'avez rien demandé, ignorez ce courriel : rien ne change.`,
    ],
  }),
};
