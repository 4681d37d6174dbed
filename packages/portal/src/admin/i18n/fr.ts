import type { Dictionary } from '../../shared/i18n/shared-en.ts';
import type { adminEn } from './en.ts';

export const adminFr: Dictionary<typeof adminEn> = {
  app: { name: 'Console d’administration Leasehold' },
  nav: {
    skip: 'Aller au contenu', sections: 'Sections', dashboard: 'Tableau de bord', customers: 'Clients', support: 'File de soutien', mail: 'Courriels sortants',
    account: 'Votre compte', logout: 'Fermer la session', otherLanguage: 'English', switchLanguageLabel: 'Show the console in English',
  },
  roles: { owner: 'Propriétaire', support: 'Soutien', read_only: 'Lecture seule', readOnlyBanner: 'Votre compte peut seulement consulter : les changements sont désactivés.' },
  signIn: {
    title: 'Ouvrir une session dans la console', intro: 'Pour le personnel du fournisseur. Les clients utilisent le portail client.', submit: 'Ouvrir une session',
    totpTitle: 'Connexion en deux étapes', totpIntro: 'Entrez le code à 6 chiffres que votre application d’authentification affiche pour ce compte.', code: 'Code',
    back: 'Utiliser un autre compte', signedOut: 'Votre session est fermée.',
  },
  dashboard: {
    title: 'Tableau de bord', activeLicenses: 'Licences actives', activations: 'Ordinateurs activés', checkInsToday: 'Vérifications aujourd’hui',
    failedCheckInsToday: 'Vérifications refusées aujourd’hui', resetsThisWeek: 'Réinitialisations des 7 derniers jours', resourcesInWarning: 'Ressources en alerte',
    findTitle: 'Trouver un client',
  },
  find: {
    title: 'Clients', label: 'Numéro, nom, courriel ou nom d’ordinateur', submit: 'Chercher', none: 'Aucun client ne correspond à « {{q}} ».',
    number: 'Numéro', name: 'Nom', contact: 'Contact', status: 'État', hint: 'Tapez au moins deux caractères.',
  },
  status: { active: 'Active', suspended: 'Suspendue', cancelled: 'Annulée', open: 'Ouverte', closed: 'Fermée', pending: 'En attente', sending: 'En cours', sent: 'Envoyé', failed: 'Échec' },
  customer: {
    number: 'Client {{number}}', licenses: 'Licences', plan: 'Forfait', key: 'Début de la clé', since: 'Depuis', actions: 'Actions',
    suspend: 'Suspendre', resume: 'Rétablir', suspendReason: 'Suspendue depuis la console', resumeReason: 'Rétablie depuis la console',
    pools: 'Places', feature: 'Fonction', capacity: 'Sous licence', assigned: 'Attribuées', free: 'Libres',
    computers: 'Ordinateurs', host: 'Ordinateur', lastCheckIn: 'Dernière vérification', leaseEnds: 'Fin du bail', drift: 'Changements de matériel',
    noDrift: 'Aucun', driftLine: '{{date}} : {{components}}', released: 'Libéré le {{date}} : {{reason}}', reset: 'Réinitialiser…', noComputers: 'Aucun ordinateur activé.',
    resources: 'Prestataires et horaires', kind: 'Type', health: 'État', lastReport: 'Dernier rapport', noResources: 'Aucun prestataire ni horaire signalé.',
    events: 'Historique', when: 'Quand', what: 'Quoi', who: 'Par', noEvents: 'Rien pour l’instant.',
    reissue: 'Émettre de nouveaux détails d’enregistrement…', reissueTitle: 'Émettre de nouveaux détails d’enregistrement',
    reissueIntro: 'La clé d’enregistrement actuelle cesse de fonctionner aussitôt; les ordinateurs gardent leurs licences. Donnez les nouveaux détails au client.',
    reissueConfirm: 'Émettre', reissued: 'Nouveaux détails d’enregistrement, affichés une seule fois :', contact: 'Contact',
    resetTitle: 'Réinitialiser {{host}}', resetIntro: 'La place de l’ordinateur est libérée pour un autre ordinateur. Une réinitialisation par le personnel ne compte pas dans le budget du client.',
    resetReason: 'Raison (gardée dans l’historique du client)', resetConfirm: 'Réinitialiser l’ordinateur', resetDone: '{{host}} est réinitialisé.', reasonRequired: 'Dites brièvement pourquoi (au moins 3 caractères).',
  },
  support: {
    title: 'File de soutien', open: 'Ouvertes', closed: 'Fermées', empty: 'Aucune demande ici.', from: 'De', business: 'Entreprise', address: 'Adresse',
    received: 'Reçue le {{date}}', close: 'Fermer la demande', closedOn: 'Fermée le {{date}}', kinds: { registration_details: 'Détails d’enregistrement perdus', question: 'Question' },
    openCustomer: 'Ouvrir le client',
  },
  mail: {
    title: 'Courriels sortants', all: 'Tous', to: 'À', subject: 'Objet', status: 'État', attempts: 'Essais', created: 'Mis en file', view: 'Voir', retry: 'Renvoyer',
    viewTitle: 'Courriel à {{to}}', lastError: 'Dernière erreur : {{error}}', empty: 'Aucun courriel ici.', retried: 'Nouvel essai : {{status}}.',
  },
  account: {
    title: 'Votre compte', totpOn: 'La connexion en deux étapes est activée : l’ouverture de session demande un code de votre application d’authentification.',
    totpOff: 'La connexion en deux étapes est désactivée. Activez-la pour qu’un mot de passe volé ne suffise pas.', start: 'Activer la connexion en deux étapes',
    secretIntro: 'Ajoutez cette clé à votre application d’authentification (ou ouvrez le lien sur votre téléphone), puis entrez le code affiché.', secret: 'Clé', link: 'Lien pour les applications d’authentification',
    confirm: 'Confirmer', enabled: 'La connexion en deux étapes est activée.',
  },
  errors: {
    TOTP_REQUIRED: 'Entrez le code de votre application d’authentification.',
    INVALID_CREDENTIALS: 'Le courriel, le mot de passe ou le code n’est pas bon. Vérifiez-les et réessayez.',
    FORBIDDEN: 'Votre compte ne peut pas faire ce changement. Demandez à un propriétaire.',
    UNAUTHENTICATED: 'Votre session a pris fin. Ouvrez une session de nouveau.',
  },
};
