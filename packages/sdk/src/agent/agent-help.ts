export const COMMON_HELP = `Settings (flag, or environment variable):
  --server <url>        LEASEHOLD_SERVER_URL       the license server
  --product <code>      LEASEHOLD_PRODUCT          the product code
  --feature <code>      LEASEHOLD_FEATURE          when the product has several features for computers
  --data-dir <dir>      LEASEHOLD_AGENT_DIR        where the lease is kept (use the app's data folder
                                                   to act on the app's own license)
  --salt <salt>         LEASEHOLD_FINGERPRINT_SALT the product's fingerprint salt (air-gapped computers)
  --keys <file>         LEASEHOLD_TRUSTED_KEYS     the vendor's keys to trust (what \`leasehold keys trusted\` prints)
  --app-version <v>     LEASEHOLD_APP_VERSION      reported to the server
  --json                                           machine-readable output on stdout
  -h, --help`;

export const EXIT_CODES_HELP = `Exit codes:
  0  done; the app may run (licensed, check-in due, offline within its grace, drift within tolerance)
  1  unexpected failure
  2  usage: unknown command, bad flag, missing setting
  3  not licensed: not activated, lease expired, refused, reset elsewhere, another computer
  4  no free seat (the computers holding them and the reset budget are shown)
  5  the license server could not be reached (or answered 5xx)
  6  the customer number and registration key (or the license key) were refused
  7  the computer's clock was set back
  8  offline file invalid, untrusted, or for another request or computer`;

export const COMMANDS: Record<string, { summary: string; usage: string; details: string }> = {
  activate: {
    summary: 'Activate this computer (ACTIVATE ONLINE)',
    usage: 'leasehold-agent activate [--customer-number <n> --registration-key <key> | --license-key <key>] [--reset <computer> --reason <text>]',
    details: `In a terminal, missing customer details are asked for. In scripts pass them as flags or as
LEASEHOLD_CUSTOMER_NUMBER, LEASEHOLD_REGISTRATION_KEY or LEASEHOLD_LICENSE_KEY (kept out of the process list).
When every license is in use, the computers holding them and the reset budget are shown; in a terminal
you may pick one to reset. --reset <activation id or host name> --reason <text> does that in a script.`,
  },
  status: {
    summary: 'Check the license offline, as the app does at every start',
    usage: 'leasehold-agent status',
    details: 'No network is used: the lease\'s signature, expiry, the clock and this computer\'s components are checked.',
  },
  'check-in': {
    summary: 'Check in with the license server now and renew the lease',
    usage: 'leasehold-agent check-in',
    details: 'Renews the lease and makes drifted components the new baseline. Exit code 5 when the server cannot be reached.',
  },
  deactivate: {
    summary: 'Give this computer\'s license back (not a reset: the budget is untouched)',
    usage: 'leasehold-agent deactivate',
    details: `For an uninstall or a move to another computer. The server gives the license back only when this is the
computer holding it (the secret kept at activation, or its components within the tolerance). Otherwise, e.g. when
its hardware changed too much, exit code 3 (RESET_REQUIRED): reset the license in the client portal instead.`,
  },
  fingerprint: {
    summary: 'List this computer\'s components and which changed since the lease',
    usage: 'leasehold-agent fingerprint [--values] [--record <dir>]',
    details: `Only salted hashes are ever sent. --values also prints the raw values (they stay on this computer).
--record <dir> saves the operating system's answers (command outputs, files) as a test fixture for support.`,
  },
  'offline-request': {
    summary: 'Write an activation request file for a computer without internet access',
    usage: 'leasehold-agent offline-request [--out <file>]',
    details: 'Take the file to a computer with internet access and upload it in the client portal. Needs the salt (--salt) unless the server is reachable.',
  },
  'offline-import': {
    summary: 'Import the signed response file the portal gave back',
    usage: 'leasehold-agent offline-import <file>',
    details: 'Needs the vendor\'s keys: --keys <trusted-keys.json>, what `leasehold keys trusted` prints on the server.',
  },
};

export function mainHelp(): string {
  const width = Math.max(...Object.keys(COMMANDS).map((c) => c.length));
  const list = Object.entries(COMMANDS).map(([name, c]) => `  ${name.padEnd(width)}  ${c.summary}`).join('\n');
  return `leasehold-agent: activate this computer and keep its license, from a terminal or a script.

Usage: leasehold-agent <command> [options]

Commands:
${list}

Run leasehold-agent <command> --help for a command's options.

${COMMON_HELP}

${EXIT_CODES_HELP}
`;
}

export function commandHelp(name: string): string {
  const c = COMMANDS[name];
  return `${c.summary}.

Usage: ${c.usage}

${c.details}

${COMMON_HELP}

${EXIT_CODES_HELP}
`;
}
