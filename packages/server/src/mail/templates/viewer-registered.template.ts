import { formatTime, type Template } from './template.ts';

/**
 * Tells each owner that someone registered a portal account with the registration details, which
 * sit on every computer of the practice: the account can only view until an owner says otherwise.
 */
export interface ViewerRegisteredVars {
  ownerName: string;
  customerName: string;
  name: string;
  email: string;
  at: number;
  /** The portal's Users page, where an owner changes the role or removes the account. */
  link: string;
}

export const viewerRegistered: Template<ViewerRegisteredVars> = {
  en: (v) => ({
    subject: `${v.name} registered in the ${v.customerName} client portal, as a viewer`,
    blocks: [
      `Hello ${v.ownerName},`,
      `${v.name} (${v.email}) registered an account in the client portal of ${v.customerName} with your registration details on ${formatTime(v.at, 'en')}.`,
      'The account is a Viewer: it sees your licenses, computers and bill, but cannot change anything. Your registration details are on every computer that runs the app, so an account made with them gets no more than that.',
      'If you know this person and they need more, change their role on the Users page. If you do not know them, remove them there.',
      { label: 'Open the Users page', url: v.link },
      `You get this email because you are an owner of ${v.customerName} in the client portal.`,
    ],
  }),
  fr: (v) => ({
    subject: `${v.name} s'est inscrit au portail client de ${v.customerName}, en tant que lecteur`,
    blocks: [
      `Bonjour ${v.ownerName},`,
      `${v.name} (${v.email}) a créé un compte au portail client de ${v.customerName} avec vos informations d'enregistrement le ${formatTime(v.at, 'fr')}.`,
      "Ce compte a le rôle Lecteur : il voit vos licences, vos ordinateurs et votre facture, mais ne peut rien modifier. Vos informations d'enregistrement se trouvent sur chaque ordinateur où l'application est installée : un compte créé avec elles n'obtient rien de plus.",
      "Si vous connaissez cette personne et qu'elle a besoin de plus, changez son rôle à la page Utilisateurs. Si vous ne la connaissez pas, retirez-la de cette même page.",
      { label: 'Ouvrir la page Utilisateurs', url: v.link },
      `Vous recevez ce courriel parce que vous êtes propriétaire de ${v.customerName} au portail client.`,
    ],
  }),
};
