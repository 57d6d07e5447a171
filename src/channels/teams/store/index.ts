export * from './types';
export { SqliteTeamsStore } from './sqlite';
