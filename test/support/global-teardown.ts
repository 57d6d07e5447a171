import { stopCluster } from './postgres-cluster';

export default async function globalTeardown(): Promise<void> {
  const cluster = process.env.TEST_PG_CLUSTER;
  if (!cluster) return;
  stopCluster(JSON.parse(cluster));
  delete process.env.TEST_PG_CLUSTER;
  delete process.env.TEST_DATABASE_URL;
}
