import fs from 'node:fs';
import path from 'node:path';

/**
 * Curated content states the article's facts in our own words: no run of
 * RUN words may be copied from it. Shorter runs are lists and names ("NHS
 * trusts, local authorities and professional services"). Two things are
 * quoted on purpose: the disclaimer's fixed wording (the specs prescribe it)
 * and `section`, the heading of the article an answer rests on.
 */

const RUN = 9;
const ARTICLE = path.resolve(__dirname, '../../shared/source/iso-42001-vs-27001-article.txt');
const DISCLAIMER = /not legal or compliance advice[^.]*?(obligations vary by organisation and sector)?/gi;
const words = (text: string) => text.replace(DISCLAIMER, ' ').toLowerCase().match(/[a-z0-9']+/g) ?? [];

function runsOf(list: string[]): Set<string> {
  const runs = new Set<string>();
  for (let i = 0; i + RUN <= list.length; i += 1) runs.add(list.slice(i, i + RUN).join(' '));
  return runs;
}

function textsIn(value: unknown, where: string, out: [string, string][] = []): [string, string][] {
  if (typeof value === 'string') out.push([where, value]);
  else if (Array.isArray(value)) value.forEach((v, i) => textsIn(v, `${where}[${i}]`, out));
  else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) if (k !== 'phrases' && k !== 'section') textsIn(v, `${where}.${k}`, out);
  return out;
}

const files = ['faq', 'intents']
  .flatMap((dir) => fs.readdirSync(path.join(__dirname, dir)).map((f) => path.join(dir, f)))
  .concat(['messages.json', 'questions.json', 'brief.json']);

const articleRuns = runsOf(words(fs.readFileSync(ARTICLE, 'utf8')));

it.each(files)('%s copies no run of nine words from the article', (file) => {
  const copied = textsIn(JSON.parse(fs.readFileSync(path.join(__dirname, file), 'utf8')), file)
    .flatMap(([where, text]) => [...runsOf(words(text))].filter((run) => articleRuns.has(run)).map((run) => `${where}: "${run}"`));
  expect(copied).toEqual([]);
});
