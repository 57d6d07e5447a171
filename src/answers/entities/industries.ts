import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { QUESTION_VALUES, type AnswerValue } from '../../scoping/questions';

/**
 * Training text for the sector classifier from a maintained industry
 * classification: every NAICS 2017 industry's title and illustrative examples
 * (the `naics` package's data), each filed under our sector by the code
 * prefixes of content/answers/sector-industries.json. So "breweries",
 * "scheduled passenger air transportation" or "credit unions" need no line of
 * our own content.
 */

type Sector = AnswerValue<'sector'>;
type NaicsEntry = { Title?: string; Description?: string };

const SECTORS = QUESTION_VALUES.sector as readonly string[];
/** Measured: 150 industries a sector read as well as 300 and train faster; 60 loses readings ("a private hospital group"). */
const MAX_PER_SECTOR = 150;
const MappingSchema = z.strictObject({
  about: z.string(),
  prefixes: z.record(z.string().regex(/^\d{2,6}$/), z.string().refine((s) => SECTORS.includes(s), 'not a sector value')),
});
export const DEFAULT_INDUSTRIES_FILE = path.resolve(__dirname, '../../../content/answers/sector-industries.json');

/** The data file ships inside the package; read it directly rather than through its class API, which loads it the same way. */
function naicsData(): Record<string, NaicsEntry> {
  return JSON.parse(fs.readFileSync(require.resolve('naics/data/2017_NAICS_Descriptions.json'), 'utf8')) as Record<string, NaicsEntry>;
}

/** "Hotels (except Casino Hotels) and Motels" → "Hotels and Motels"; the stray "T" the data leaves on some titles goes too. */
function clean(title: string): string {
  return title
    .replace(/(?<=[a-z)])T\s*$/, '')
    .replace(/\([^)]*\)/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

function examplesOf(description: string): string[] {
  const block = /Illustrative Examples:([\s\S]*?)(?:\r?\n\s*\r?\n\s*Cross-References|$)/.exec(description);
  if (!block) return [];
  return block[1]
    .split(/\r?\n/)
    .map(clean)
    .filter((line) => line.length > 2 && line.length <= 120);
}

export function industryExamples(file: string = DEFAULT_INDUSTRIES_FILE): Record<Sector, string[]> {
  const mapping = MappingSchema.parse(JSON.parse(fs.readFileSync(file, 'utf8')));
  const prefixes = Object.entries(mapping.prefixes).sort((a, b) => b[0].length - a[0].length);
  const sectorOf = (code: string) => (prefixes.find(([prefix]) => code.startsWith(prefix))?.[1] ?? 'other') as Sector;
  const result = Object.fromEntries(SECTORS.map((s) => [s, new Set<string>()])) as Record<Sector, Set<string>>;
  for (const [code, entry] of Object.entries(naicsData())) {
    // Industry groups and finer (four digits or more): a two- or three-digit sector such as "Information" spans several of ours.
    if (!/^\d{4,6}$/.test(code)) continue;
    const sector = sectorOf(code);
    if (entry.Title) result[sector].add(clean(entry.Title));
    for (const example of examplesOf(entry.Description ?? '')) result[sector].add(example);
  }
  return Object.fromEntries(SECTORS.map((s) => [s, evenSample([...result[s as Sector]], MAX_PER_SECTOR)])) as Record<Sector, string[]>;
}

/** Every k-th item, so a large class ("other" has most industries) does not swamp the rest or slow start-up. */
function evenSample<T>(items: T[], max: number): T[] {
  const step = Math.max(1, Math.ceil(items.length / max));
  return items.filter((_, i) => i % step === 0);
}
