import { DomainError } from '@leasehold/core';

export const EXIT = { ok: 0, failure: 1, usage: 2 } as const;

/** A failure the person at the terminal can fix; its message says how. */
export class UserError extends Error {
  override name = 'UserError';
}

interface SystemError extends Error {
  code?: string;
  syscall?: string;
  address?: string;
  port?: number;
  hostname?: string;
  path?: string;
}

function causes(error: unknown): SystemError[] {
  const chain: SystemError[] = [];
  for (let e = error; e instanceof Error && chain.length < 10; e = e.cause) {
    chain.push(e as SystemError);
    // Connection failures to several addresses (localhost: ::1 and 127.0.0.1) come as an AggregateError.
    if (e instanceof AggregateError) chain.push(...(e.errors.filter((x) => x instanceof Error) as SystemError[]));
  }
  return chain;
}

// PostgreSQL's SQLSTATE codes that mean the configuration is wrong, not the program.
const POSTGRES_HINTS: Record<string, string> = {
  '28P01': 'PostgreSQL refused the user name or password in DATABASE_URL. Check the credentials.',
  '28000': 'PostgreSQL refused this user. Check the user name in DATABASE_URL and pg_hba.conf.',
  '3D000': 'The database named in DATABASE_URL does not exist. Create it (createdb) or correct the name.',
  '42501': 'The PostgreSQL user in DATABASE_URL lacks a privilege Leasehold needs (creating tables). Grant it or use the database owner.',
};

/** One line that says what went wrong and what to do next; no stack trace. */
export function describeError(error: unknown): string {
  if (error instanceof UserError || error instanceof DomainError) return error.message;
  for (const e of causes(error)) {
    const where = e.address ? `${e.address}${e.port ? `:${e.port}` : ''}` : '';
    if (e.code === 'ECONNREFUSED') return `Could not connect to the database at ${where || 'DATABASE_URL'}: connection refused. Check DATABASE_URL and that PostgreSQL is running.`;
    if (e.code === 'ENOTFOUND' || e.code === 'EAI_AGAIN') return `The database host "${e.hostname ?? ''}" in DATABASE_URL was not found. Check the host name.`;
    if (e.code === 'ETIMEDOUT') return `Connecting to the database at ${where || 'DATABASE_URL'} timed out. Check DATABASE_URL and the network.`;
    if (e.code && POSTGRES_HINTS[e.code]) return `${POSTGRES_HINTS[e.code]} (${e.message})`;
    if (e.code === 'EADDRINUSE') return `Port ${e.port ?? ''} on ${e.address ?? 'this host'} is already in use. Stop the other server or set PORT to a free port (PORT=0 picks one).`;
    if ((e.code === 'EACCES' || e.code === 'EPERM') && e.syscall === 'listen') return `Not allowed to listen on port ${e.port ?? ''}. Set PORT to a port above 1023, or run behind a reverse proxy.`;
    if (e.code === 'EADDRNOTAVAIL') return `HOST ${e.address ?? ''} is not an address of this machine. Set HOST to 127.0.0.1, 0.0.0.0 or one of its addresses.`;
    if ((e.code === 'EEXIST' || e.code === 'ENOTDIR') && e.syscall === 'mkdir') return `LEASEHOLD_DATA_DIR ${e.path ?? ''} is a file, not a directory. Point it at a directory (it is created if missing).`;
    if (e.code === 'EACCES' || e.code === 'EROFS' || e.code === 'SQLITE_CANTOPEN') {
      return `Cannot write the database in LEASEHOLD_DATA_DIR${e.path ? ` (${e.path})` : ''}: ${e.message}. Point LEASEHOLD_DATA_DIR at a directory this user can write.`;
    }
  }
  const message = error instanceof Error ? error.message : String(error);
  return message.split('\n')[0] || 'Unknown error.';
}

export function debugging(env: NodeJS.ProcessEnv = process.env): boolean {
  return env.LOG_LEVEL === 'debug' || env.LOG_LEVEL === 'trace';
}
