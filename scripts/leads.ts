/**
 * Leads for practitioners: `npm run leads -- list | show <id> | export --csv | purge | webhooks | funnel | misses`
 * (`--help` for options). Reads DATA_DIR (and the rest) through src/config; prints to stdout.
 * The commands are src/leads/cli/program.ts.
 */
import { parseConfig } from '../src/config/config';
import { runLeadsCli } from '../src/leads/cli/program';
import { runMain } from './run-main';

runMain(async () => {
  const parsed = parseConfig(process.env);
  if (!parsed.ok) {
    process.stderr.write(`${parsed.error.message}\n`);
    return 1;
  }
  return runLeadsCli(process.argv.slice(2), parsed.config, {
    out: (text) => void process.stdout.write(text),
    err: (text) => void process.stderr.write(text),
    now: () => new Date(),
  });
});
