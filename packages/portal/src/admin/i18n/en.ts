/** The admin console's words in English; fr.ts has the same keys. */
export const adminEn = {
  app: { name: 'Leasehold admin console' },
  nav: {
    skip: 'Skip to the content', sections: 'Sections', dashboard: 'Dashboard', customers: 'Customers', support: 'Support queue', mail: 'Mail outbox',
    account: 'Your account', logout: 'Sign out', otherLanguage: 'Français', switchLanguageLabel: 'Afficher la console en français',
  },
  roles: { owner: 'Owner', support: 'Support', read_only: 'Read only', readOnlyBanner: 'Your account can view only: changes are turned off.' },
  signIn: {
    title: 'Sign in to the admin console', intro: 'For the vendor’s staff. Customers use the client portal.', submit: 'Sign in',
    totpTitle: 'Two-step sign-in', totpIntro: 'Enter the 6-digit code your authenticator app shows for this account.', code: 'Code',
    back: 'Use another account', signedOut: 'You are signed out.',
  },
  dashboard: {
    title: 'Dashboard', activeLicenses: 'Active licenses', activations: 'Computers activated', checkInsToday: 'Check-ins today',
    failedCheckInsToday: 'Failed check-ins today', resetsThisWeek: 'Resets in the last 7 days', resourcesInWarning: 'Resources in warning',
    findTitle: 'Find a customer',
  },
  find: {
    title: 'Customers', label: 'Number, name, email or computer name', submit: 'Find', none: 'No customer matches “{{q}}”.',
    number: 'Number', name: 'Name', contact: 'Contact', status: 'Status', hint: 'Type at least two characters.',
  },
  status: { active: 'Active', suspended: 'Suspended', cancelled: 'Cancelled', open: 'Open', closed: 'Closed', pending: 'Pending', sending: 'Sending', sent: 'Sent', failed: 'Failed' },
  customer: {
    number: 'Customer {{number}}', licenses: 'Licenses', plan: 'Plan', key: 'Key starts', since: 'Since', actions: 'Actions',
    suspend: 'Suspend', resume: 'Resume', suspendReason: 'Suspended from the admin console', resumeReason: 'Resumed from the admin console',
    pools: 'Seats', feature: 'Feature', capacity: 'Licensed', assigned: 'Assigned', free: 'Free',
    computers: 'Computers', host: 'Computer', lastCheckIn: 'Last check-in', leaseEnds: 'Lease ends', drift: 'Hardware changes',
    noDrift: 'None', driftLine: '{{date}}: {{components}}', released: 'Released {{date}}: {{reason}}', reset: 'Reset…', noComputers: 'No computer is activated.',
    resources: 'Providers and schedules', kind: 'Kind', health: 'Health', lastReport: 'Last report', noResources: 'No provider or schedule is reported.',
    events: 'History', when: 'When', what: 'What', who: 'By', noEvents: 'Nothing yet.',
    reissue: 'Re-issue registration details…', reissueTitle: 'Re-issue the registration details',
    reissueIntro: 'The current registration key stops working at once; the computers keep their licenses. Give the new details to the customer.',
    reissueConfirm: 'Re-issue', reissued: 'New registration details, shown only once:', contact: 'Contact',
    resetTitle: 'Reset {{host}}', resetIntro: 'The computer’s seat is freed for another computer. A staff reset is not counted against the customer’s reset budget.',
    resetReason: 'Reason (kept in the customer’s history)', resetConfirm: 'Reset the computer', resetDone: '{{host}} is reset.', reasonRequired: 'Say briefly why (at least 3 characters).',
  },
  support: {
    title: 'Support queue', open: 'Open', closed: 'Closed', empty: 'No request here.', from: 'From', business: 'Business', address: 'Address',
    received: 'Received {{date}}', close: 'Close the request', closedOn: 'Closed {{date}}', kinds: { registration_details: 'Lost registration details', question: 'Question' },
    openCustomer: 'Open the customer',
  },
  mail: {
    title: 'Mail outbox', all: 'All', to: 'To', subject: 'Subject', status: 'Status', attempts: 'Attempts', created: 'Queued', view: 'View', retry: 'Send again',
    viewTitle: 'Mail to {{to}}', lastError: 'Last error: {{error}}', empty: 'No mail here.', retried: 'Tried again: {{status}}.',
  },
  account: {
    title: 'Your account', totpOn: 'Two-step sign-in is on: signing in asks for a code from your authenticator app.',
    totpOff: 'Two-step sign-in is off. Turn it on so a stolen password is not enough to sign in.', start: 'Turn on two-step sign-in',
    secretIntro: 'Add this key to your authenticator app (or open the link on your phone), then enter the code it shows.', secret: 'Key', link: 'Link for authenticator apps',
    confirm: 'Confirm', enabled: 'Two-step sign-in is on.',
  },
  errors: {
    TOTP_REQUIRED: 'Enter the code from your authenticator app.',
    INVALID_CREDENTIALS: 'The email, password or code is not right. Check them and try again.',
    FORBIDDEN: 'Your staff account cannot make this change. Ask an owner.',
    UNAUTHENTICATED: 'Your session has ended. Please sign in again.',
  },
} as const;
