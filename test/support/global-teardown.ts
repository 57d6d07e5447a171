import { stopCluster, type Cluster } from './postgres-cluster';

/** Stops the cluster this jest started (never one a parent jest started and handed down). */
export default async function globalTeardown(): Promise<void> {
  const holder = globalThis as { __testPostgresCluster?: Cluster };
  const cluster = holder.__testPostgresCluster;
  if (!cluster) return;
  delete holder.__testPostgresCluster;
  stopCluster(cluster);
  delete process.env.TEST_DATABASE_URL;
}
