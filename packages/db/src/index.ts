export * from './connection.ts';
export * from './ids.ts';
export * from './migrate.ts';
export type * from './schema.ts';
