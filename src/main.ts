import { parseConfig } from './config/config';
import { ContentError } from './app/services';
import { GraphCredentialsError } from './booking/graph/client';
import { startServer } from './server/app';

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
  process.stderr.write(`${error instanceof ContentError || error instanceof GraphCredentialsError ? error.message : error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
