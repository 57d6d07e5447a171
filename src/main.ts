import { parseConfig } from './config/config';
import { ContentError } from './app/services';
import { GraphCredentialsError } from './booking/graph/client';
import { startServer } from './server/app';
import { StartupError } from './app/startup-error';

/** What the operator reads when start-up fails: the fixable problem, not a stack trace. */
function startupMessage(error: unknown): string {
  if (error instanceof ContentError || error instanceof StartupError || error instanceof GraphCredentialsError) return error.message;
  const code = String((error as { code?: unknown })?.code ?? '');
  if (code.startsWith('SQLITE_')) return `A database file under DATA_DIR could not be used (${code}: ${(error as Error).message}). Check the files' permissions and free disk space.`;
  if (code === 'EADDRINUSE') return `The port is already in use (${(error as Error).message}). Stop the other server or set PORT.`;
  return error instanceof Error ? (error.stack ?? error.message) : String(error);
}

async function main(): Promise<void> {
  const parsed = parseConfig(process.env);
  if (!parsed.ok) {
    process.stderr.write(`${parsed.error.message}\nSee .env.example for every setting.\n`);
    process.exit(1);
  }
  const running = await startServer(parsed.config);
  process.stdout.write(`Scoping bot ready: POST ${running.url}/api/messages (health: ${running.url}/healthz)\n`);
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.once(signal, () => {
      running.logger.info('stopping', { signal });
      running.stop().then(
        () => process.exit(0),
        (error) => {
          running.logger.error('stop failed', { error });
          process.exit(1);
        },
      );
    });
  }
}

main().catch((error) => {
  process.stderr.write(`${startupMessage(error)}\n`);
  process.exit(1);
});
