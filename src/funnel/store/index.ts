export type { FunnelCount, FunnelStore, Miss } from './types';
export { SqliteFunnelStore } from './sqlite';
export { PostgresFunnelStore } from './postgres';
