import type { Template } from './template.ts';

/** The registration email of a purchase: the details the app and the first portal log-on ask for. */
export interface RegistrationDetailsVars {
  customerName: string;
  customerNumber: string;
  registrationKey: string;
  portalUrl: string;
}

export const registrationDetails: Template<RegistrationDetailsVars> = {
  en: (v) => ({
    subject: `Your registration details (customer ${v.customerNumber})`,
    blocks: [
      `Hello ${v.customerName},`,
      `Your registration details:\nCustomer number: ${v.customerNumber}\nRegistration key: ${v.registrationKey}`,
      'Enter them when the app asks you to ACTIVATE ONLINE, and the first time you log on to the client portal, where you can see your licenses and reset a license for another computer.',
      { label: 'Open the client portal', url: v.portalUrl },
      'Keep this email: the registration key is not shown again.',
    ],
  }),
  fr: (v) => ({
    subject: `Vos informations d'enregistrement (client ${v.customerNumber})`,
    blocks: [
      `Bonjour ${v.customerName},`,
      `Vos informations d'enregistrement :\nNuméro de client : ${v.customerNumber}\nClé d'enregistrement : ${v.registrationKey}`,
      "Saisissez-les quand l'application vous demande d'ACTIVER EN LIGNE, et lors de votre première connexion au portail client, où vous pouvez voir vos licences et réinitialiser une licence pour un autre ordinateur.",
      { label: 'Ouvrir le portail client', url: v.portalUrl },
      "Conservez ce courriel : la clé d'enregistrement ne sera plus affichée.",
    ],
  }),
};
