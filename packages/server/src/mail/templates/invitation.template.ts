import { formatTime, type Template } from './template.ts';

export interface InvitationVars {
  customerName: string;
  inviterName: string;
  role: 'admin' | 'viewer';
  link: string;
  expiresAt: number;
}

const roleText = {
  en: { admin: 'manage its licenses and users', viewer: 'see its licenses' },
  fr: { admin: 'gérer ses licences et ses utilisateurs', viewer: 'consulter ses licences' },
};

export const invitation: Template<InvitationVars> = {
  en: (v) => ({
    subject: `${v.inviterName} invites you to the ${v.customerName} client portal`,
    blocks: [
      'Hello,',
      `${v.inviterName} invites you to the client portal of ${v.customerName}, where you can ${roleText.en[v.role]}.`,
      { label: 'Accept the invitation', url: v.link },
      `The invitation works once, until ${formatTime(v.expiresAt, 'en')}. If you were not expecting it, ignore this email.`,
    ],
  }),
  fr: (v) => ({
    subject: `${v.inviterName} vous invite au portail client de ${v.customerName}`,
    blocks: [
      'Bonjour,',
      `${v.inviterName} vous invite au portail client de ${v.customerName}, où vous pourrez ${roleText.fr[v.role]}.`,
      { label: "Accepter l'invitation", url: v.link },
      `L'invitation ne fonctionne qu'une fois, jusqu'au ${formatTime(v.expiresAt, 'fr')}. Si vous ne l'attendiez pas, ignorez ce courriel.`,
    ],
  }),
};
