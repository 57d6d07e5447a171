/** Writes docs/webhook.schema.json from the zod schema (src/webhook/events.ts): `npm run webhook:schema`. */
import fs from 'node:fs';
import path from 'node:path';
import { webhookJsonSchema } from '../src/webhook/events';

const file = path.resolve(__dirname, '../docs/webhook.schema.json');
fs.writeFileSync(file, `${JSON.stringify(webhookJsonSchema(), null, 2)}\n`);
process.stdout.write(`Wrote ${path.relative(process.cwd(), file)}\n`);
