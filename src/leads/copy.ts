import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { QUESTION_VALUES, QuestionId } from '../scoping/questions';

/** Copy for the practitioner's brief and the calendar invitation: content/brief.json, validated on first use. */

const keys = <K extends string>(values: readonly K[]) => z.object(Object.fromEntries(values.map((k) => [k, z.string().min(1)])) as Record<K, z.ZodString>);
const PATHWAYS = ['not-yet', '42001-next', '27001-first', '42001-first', 'integrated'] as const;
const REASONS = ['no-ai', 'already-certified', 'weak-security', 'ai-more-material', 'balanced', 'high-materiality', 'regulated-sector', 'eu-exposure', 'ai-procurement', 'eu-unsure'] as const;
const AgendaItem = z.object({ minutes: z.number().int().positive(), item: z.string().min(1) });
const Agenda = z.array(AgendaItem).refine((items) => items.reduce((n, i) => n + i.minutes, 0) === 30, 'agenda must add up to 30 minutes');

const CopySchema = z.object({
  calendar: z.object({
    summary: z.string().min(1),
    description: z.string().min(1),
    organizer: z.object({ name: z.string().min(1) }),
    productId: z.string().min(1),
  }),
  brief: z.object({
    title: z.string(),
    sections: keys(['contact', 'booking', 'recommendation', 'reasons', 'answers', 'regulatory', 'agenda'] as const),
    labels: keys(['name', 'email', 'organisation', 'role', 'phone', 'consent', 'pathway', 'tier', 'urgency', 'timeline', 'regulators', 'euAiAct', 'time', 'practitioner', 'status', 'notBooked', 'noAssessment', 'none', 'months', 'personalEmail', 'inTheirWords'] as const),
    questions: keys(Object.keys(QUESTION_VALUES) as QuestionId[]),
    pathways: keys(PATHWAYS),
    reasons: keys(REASONS),
    tiers: keys(['hot', 'warm', 'nurture'] as const),
    urgency: keys(['high', 'medium', 'low'] as const),
    euAiAct: keys(['yes', 'no', 'unsure', 'notAsked'] as const),
    agenda: z.object(Object.fromEntries([...PATHWAYS, 'unassessed'].map((p) => [p, Agenda])) as Record<(typeof PATHWAYS)[number] | 'unassessed', typeof Agenda>),
    actions: keys(['contacted', 'full'] as const),
    disclaimer: z.string().min(1),
  }),
});

export type Copy = z.infer<typeof CopySchema>;

export const COPY_FILE = path.resolve(__dirname, '../../content/brief.json');

let cached: Copy | undefined;

export function parseCopy(json: unknown, file: string): Copy {
  const parsed = CopySchema.safeParse(json);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.') || '(file)'}: ${i.message}`);
    throw new Error(`Invalid copy file ${file}:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
  return parsed.data;
}

export function copy(): Copy {
  cached ??= parseCopy(JSON.parse(fs.readFileSync(COPY_FILE, 'utf8')), COPY_FILE);
  return cached;
}
