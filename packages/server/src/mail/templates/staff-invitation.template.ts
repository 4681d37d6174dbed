import { formatTime, type Template } from './template.ts';

export interface StaffInvitationVars {
  name: string;
  /** The owner who invited; null when an admin API key did. */
  inviterName: string | null;
  role: 'owner' | 'support' | 'read_only';
  /** Where the console is, e.g. licenses.vendor.example. */
  host: string;
  link: string;
  expiresAt: number;
}

// What each role may do, as docs/staff.md says it.
const roleText = {
  en: {
    owner: ['Owner', 'do everything, including managing staff accounts'],
    support: ['Support', 'help customers: find them, reset their computers, add, change, suspend and resume licenses, and re-issue registration details'],
    read_only: ['Read only', 'look up customers, licenses and their history without changing anything'],
  },
  fr: {
    owner: ['Propriétaire', 'tout faire, y compris gérer les comptes du personnel'],
    support: ['Soutien', 'aider les clients : les trouver, réinitialiser leurs ordinateurs, ajouter, changer, suspendre et rétablir des licences, et émettre de nouveaux détails d’enregistrement'],
    read_only: ['Lecture seule', 'consulter les clients, les licences et leur historique sans rien changer'],
  },
} as const;

export const staffInvitation: Template<StaffInvitationVars> = {
  en: (v) => {
    const [role, can] = roleText.en[v.role];
    return {
      subject: v.inviterName ? `${v.inviterName} invites you to the Leasehold admin console` : 'Your invitation to the Leasehold admin console',
      blocks: [
        `Hello ${v.name},`,
        `${v.inviterName ? `${v.inviterName} invites you` : 'You are invited'} to the admin console at ${v.host} as ${role}: you will be able to ${can}.`,
        { label: 'Choose your password', url: v.link },
        `The link works once, until ${formatTime(v.expiresAt, 'en')}. Then turn on two-step sign-in under “Your account”. If you were not expecting this invitation, ignore this email.`,
      ],
    };
  },
  fr: (v) => {
    const [role, can] = roleText.fr[v.role];
    return {
      subject: v.inviterName ? `${v.inviterName} vous invite à la console d'administration Leasehold` : "Votre invitation à la console d'administration Leasehold",
      blocks: [
        `Bonjour ${v.name},`,
        `${v.inviterName ? `${v.inviterName} vous invite` : 'Vous êtes invité'} à la console d'administration de ${v.host} avec le rôle ${role} : vous pourrez ${can}.`,
        { label: 'Choisir mon mot de passe', url: v.link },
        `Le lien ne fonctionne qu'une fois, jusqu'au ${formatTime(v.expiresAt, 'fr')}. Ensuite, activez la connexion en deux étapes dans « Votre compte ». Si vous n'attendiez pas cette invitation, ignorez ce courriel.`,
      ],
    };
  },
};
