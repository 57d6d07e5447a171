import { z } from 'zod';
import { QUESTION_ORDER, type QuestionId } from '../../src/scoping/questions';
import raw from '../../content/revise-topics.json';

/**
 * "change my answer about the sector", "can I change the first answer?",
 * "I'd like to correct question 3": which answer the visitor wants to change.
 * A topic names a question (content/revise-topics.json); a position counts the
 * questions in the order they were asked, as "Question N of M" does.
 */

const TopicsSchema = z.object({
  verbs: z.array(z.string().min(1)).min(1),
  nouns: z.array(z.string().min(1)).min(1),
  correctionMarkers: z.array(z.string().min(1)).min(1),
  topics: z.record(z.enum(QUESTION_ORDER as [QuestionId, ...QuestionId[]]), z.array(z.string().min(1)).min(1)),
});
const content = TopicsSchema.parse(raw);

export type ReviseTarget = { question: QuestionId } | { position: number | 'last' } | { unspecified: true };

const ORDINALS: Record<string, number> = { first: 1, second: 2, third: 3, fourth: 4, fifth: 5, sixth: 6, seventh: 7, '1st': 1, '2nd': 2, '3rd': 3, '4th': 4, '5th': 5, '6th': 6, '7th': 7 };
const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const alternatives = (list: string[]) => list.map(escape).join('|');

const VERB = new RegExp(`\\b(${alternatives(content.verbs)})\\b`, 'i');
const NOUN = new RegExp(`\\b(${alternatives(content.nouns)})\\b`, 'i');
const ABOUT = new RegExp(`\\b(${alternatives(content.verbs)})\\b.*\\b(what i said|what we said|my|our|the)\\b.*\\b(about|for|on|to)\\b`, 'i');
const POSITION = /\b(first|second|third|fourth|fifth|sixth|seventh|[1-7](?:st|nd|rd|th)|last)\b|\b(?:question|answer|number|no\.?)\s*#?([1-7])\b/i;
const TOPICS = Object.entries(content.topics)
  .flatMap(([question, names]) => names.map((name) => ({ question: question as QuestionId, name })))
  .sort((a, b) => b.name.length - a.name.length)
  .map(({ question, name }) => ({ question, pattern: new RegExp(`\\b${escape(name)}\\b`, 'i') }));

export function readRevise(text: string): ReviseTarget | null {
  if (!VERB.test(text) || !(NOUN.test(text) || ABOUT.test(text))) return null;
  const position = POSITION.exec(text);
  if (position) {
    const word = position[1]?.toLowerCase();
    if (word === 'last') return { position: 'last' };
    return { position: word ? ORDINALS[word] : Number(position[2]) };
  }
  const topic = TOPICS.find((t) => t.pattern.test(text));
  if (topic) return { question: topic.question };
  return { unspecified: true };
}

const CORRECTION = new RegExp(`(^|\\W)(${alternatives(content.correctionMarkers)})(\\W|$)`, 'i');

/** "actually, scrap that, …", "sorry, I meant …": the message corrects something said before. */
export const soundsLikeCorrection = (text: string) => CORRECTION.test(text);
