import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/**
 * Which conversation `npm run chat` talks in: a new one each run, or with
 * `--resume` the last one this data folder saw (kept in a small file beside the stores).
 */

const LAST_FILE = 'terminal-last-conversation';

export type ConversationChoice = { ok: true; id: string; resumed: boolean } | { ok: false; reason: string };

export function chooseConversation(dataDir: string, resume: boolean): ConversationChoice {
  const file = path.join(dataDir, LAST_FILE);
  if (resume) {
    const last = fs.existsSync(file) ? fs.readFileSync(file, 'utf8').trim() : '';
    if (/^terminal-[\w-]{1,80}$/.test(last)) return { ok: true, id: last, resumed: true };
    return { ok: false, reason: `There is no earlier terminal conversation in ${dataDir} to resume; run "npm run chat" without --resume to start one.` };
  }
  const id = `terminal-${randomUUID()}`;
  fs.mkdirSync(dataDir, { recursive: true });
  fs.writeFileSync(file, `${id}\n`);
  return { ok: true, id, resumed: false };
}
