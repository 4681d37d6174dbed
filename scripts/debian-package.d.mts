export function ensureDebianPackage(options: { path: string; pkg: string; what: string; alternative?: string; log?: (message: string) => void }): string;
