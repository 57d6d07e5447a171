import { postgresBinDir, startCluster, type Cluster } from './postgres-cluster';

/**
 * Jest global set-up: the Postgres cluster the backend specs share (each
 * spec makes its own database in it). Without PostgreSQL installed the
 * Postgres backend is skipped with a message; under CI=true it is required.
 */
export default async function globalSetup(): Promise<void> {
  const wanted = (process.env.BACKENDS ?? 'sqlite,postgres').split(',').map((b) => b.trim());
  if (!wanted.includes('postgres') || process.env.TEST_DATABASE_URL) return;
  const bin = postgresBinDir();
  if (!bin) {
    if (process.env.CI === 'true') throw new Error('PostgreSQL is required under CI=true: apt-get install postgresql (.ci/run does).');
    process.stderr.write('\nPostgreSQL is not installed (/usr/lib/postgresql/*/bin): the Postgres backend specs are skipped. apt-get install postgresql to run them.\n');
    process.env.BACKENDS = wanted.filter((b) => b !== 'postgres').join(',');
    return;
  }
  const cluster = await startCluster(bin);
  process.env.TEST_DATABASE_URL = cluster.url;
  // Kept in this process only: a jest started by a test (slots-tz) inherits the
  // URL and uses the cluster, but must not stop it when it ends.
  (globalThis as { __testPostgresCluster?: Cluster }).__testPostgresCluster = cluster;
}
