/**
 * The matching engine behind interpretAnswer and extractFacts.
 *
 * A question's lexicon is an ordered list of rules. Each rule's pattern is run
 * over the normalised text in turn; every match records the rule's outcome and
 * is blanked out, so later rules cannot see it. That is how negation works:
 * "not certified" is consumed by a `none` rule before the `certified` rule
 * runs. Outcomes are a value, `null` (a neutral phrase to hide, such as
 * "9001 certified" for the 27001 question) or 'ambiguous' (a bare "yes" where
 * yes could mean two values).
 *
 *   certification, "not certified yet but working towards it"
 *     → in-progress rule consumes "working towards it", none rule consumes
 *       "not certified yet" → {in-progress, none} → override in-progress > none
 *       → in-progress
 */

export type Outcome<V extends string> = V | null | 'ambiguous';

export interface Rule<V extends string> {
  readonly outcome: Outcome<V>;
  readonly pattern: RegExp;
  /** True when the phrase states the fact on its own, outside the question's context. */
  readonly fact: boolean;
  /** Set on a rule that runs only when reading facts (see lexicon/common.ts hedge). */
  readonly factOnly?: boolean;
}

export interface QuestionLexicon<V extends string> {
  readonly rules: readonly Rule<V>[];
  /** [winner, loser]: when both are found, the loser is dropped. */
  readonly overrides?: readonly (readonly [V, V])[];
}

export type MatchResult<V extends string> = { ok: true; value: V } | { ok: false; reason: 'unrecognised' | 'ambiguous' };

const BLANK = ' | ';

function globalPattern(source: string): RegExp {
  return new RegExp(source, 'g');
}

/** A rule usable both as an answer and as a volunteered fact. */
export function fact<V extends string>(outcome: Outcome<V>, source: string): Rule<V> {
  return { outcome, pattern: globalPattern(source), fact: true };
}

/** A rule that only makes sense as an answer to its own question. */
export function answer<V extends string>(outcome: Outcome<V>, source: string): Rule<V> {
  return { outcome, pattern: globalPattern(source), fact: false };
}

/** A phrase to hide in both modes without it meaning anything. */
export function hide<V extends string>(source: string): Rule<V> {
  return fact<V>(null, source);
}

export function matchLexicon<V extends string>(
  lexicon: QuestionLexicon<V>,
  normalised: string,
  mode: 'answer' | 'fact',
): MatchResult<V> {
  const found = new Set<Outcome<V>>();
  let working = ` ${normalised} `;
  for (const rule of lexicon.rules) {
    if (mode === 'fact' ? !rule.fact : rule.factOnly) continue;
    working = working.replace(rule.pattern, () => {
      found.add(rule.outcome);
      return BLANK;
    });
  }
  return resolve(found, lexicon.overrides ?? []);
}

function resolve<V extends string>(found: Set<Outcome<V>>, overrides: readonly (readonly [V, V])[]): MatchResult<V> {
  const values = new Set<V>();
  for (const outcome of found) if (outcome !== null && outcome !== 'ambiguous') values.add(outcome);
  for (const [winner, loser] of overrides) if (values.has(winner)) values.delete(loser);
  if (values.size === 1) return { ok: true, value: [...values][0] };
  if (values.size > 1 || found.has('ambiguous')) return { ok: false, reason: 'ambiguous' };
  return { ok: false, reason: 'unrecognised' };
}

/** Words of five letters or more in the rules' patterns, for spelling repair. */
export function lexiconWords(lexicon: QuestionLexicon<string>): string[] {
  const words: string[] = [];
  for (const rule of lexicon.rules) {
    const source = rule.pattern.source.replace(/\\[a-zA-Z]/g, ' ');
    words.push(...(source.match(/[a-z]{5,}/g) ?? []));
  }
  return words;
}
