import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';

/** Words the Teams channel uses (manifest texts, practitioner replies, answered cards): teams/copy.json, validated on first use. */

const text = z.string().min(1);

const TeamsCopySchema = z.object({
  app: z.object({
    shortName: text.max(30),
    fullName: text.max(100),
    shortDescription: text.max(80),
    fullDescription: text.max(4000),
    accentColor: z.string().regex(/^#[0-9A-Fa-f]{6}$/),
  }),
  practitioners: z.object({
    registered: text,
    refused: text,
    channelOnly: text,
    unregistered: text,
    notRegisteredHere: text,
    contactedBy: text,
    alreadyContacted: text,
    leadGone: text,
    wrongChannel: text,
  }),
  answered: z.object({ chose: text, contact: text, note: text }),
});

export type TeamsCopy = z.infer<typeof TeamsCopySchema>;

export const TEAMS_COPY_FILE = path.resolve(__dirname, '../../../teams/copy.json');

let cached: TeamsCopy | undefined;

export function teamsCopy(): TeamsCopy {
  if (!cached) {
    const parsed = TeamsCopySchema.safeParse(JSON.parse(fs.readFileSync(TEAMS_COPY_FILE, 'utf8')));
    if (!parsed.success) {
      const problems = parsed.error.issues.map((i) => `  - ${i.path.join('.') || '(file)'}: ${i.message}`).join('\n');
      throw new Error(`Invalid copy file ${TEAMS_COPY_FILE}:\n${problems}`);
    }
    cached = parsed.data;
  }
  return cached;
}

