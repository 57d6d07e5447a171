import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { contractOf, DEFAULT_CONTENT_DIR, loadIntentContent, normalisePhrase, phrasesByIntent } from './content';
import { CHAT_IDS, COMMAND_IDS, FAQ_IDS, INTENT_IDS } from './ids';

/** A copy of content/ in a temp dir, with one file changed by `edit`. */
function brokenCopy(file: string, edit: (data: Record<string, unknown>) => void): string {
  const dir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'intents-')), 'content');
  fs.cpSync(path.join(DEFAULT_CONTENT_DIR, 'faq'), path.join(dir, 'faq'), { recursive: true });
  fs.cpSync(path.join(DEFAULT_CONTENT_DIR, 'intents'), path.join(dir, 'intents'), { recursive: true });
  const target = path.join(dir, file);
  const data = JSON.parse(fs.readFileSync(target, 'utf8'));
  edit(data);
  fs.writeFileSync(target, JSON.stringify(data, null, 2));
  return dir;
}

function errorsOf(dir: string): string[] {
  const result = loadIntentContent(dir);
  if (result.ok) throw new Error('expected the broken copy to be rejected');
  return result.errors;
}

describe('the curated intent content', () => {
  const result = loadIntentContent();

  it('loads without problems', () => {
    expect(result.ok ? [] : result.errors).toEqual([]);
  });

  it('has content for every id of intents.md and nothing else', () => {
    if (!result.ok) throw new Error('content invalid');
    expect(Object.keys(result.content.faq).sort()).toEqual([...FAQ_IDS].sort());
    expect(Object.keys(result.content.intents).sort()).toEqual([...COMMAND_IDS, ...CHAT_IDS].sort());
    expect(phrasesByIntent(result.content).map((p) => p.intent)).toEqual(INTENT_IDS);
  });

  it('gives the privacy reply both placeholders and the bot replies it needs', () => {
    if (!result.ok) throw new Error('content invalid');
    expect(result.content.intents['cmd.privacy'].reply).toEqual(expect.stringContaining('{privacyNoticeUrl}'));
    expect(result.content.intents['cmd.privacy'].reply).toEqual(expect.stringContaining('{retentionDays}'));
    expect(result.content.outOfScope.didYouMean).toContain('{suggestions}');
  });

  it('added FAQ ids each refine an id of intents.md, which classify and the evaluation report', () => {
    if (!result.ok) throw new Error('content invalid');
    expect(contractOf(result.content, 'faq.call-price')).toBe('faq.cost');
    expect(contractOf(result.content, 'faq.call-format')).toBe('faq.scoping-call');
    expect(contractOf(result.content, 'faq.legal-requirement')).toBe('faq.uk-regulation');
    expect(contractOf(result.content, 'faq.eu-ai-act-penalties')).toBe('faq.eu-ai-act');
    expect(contractOf(result.content, 'faq.cost')).toBe('faq.cost');
  });

  it('keeps the article hedges and adds no prices', () => {
    if (!result.ok) throw new Error('content invalid');
    expect(result.content.faq['faq.ai-governance-standard'].answer).toMatch(/verify the current version with ISO or your certification body/);
    for (const entry of Object.values(result.content.faq)) expect(entry.answer).not.toMatch(/[£$€]\s?\d/);
  });
});

describe('a broken content file is rejected with a message naming file and field', () => {
  it('an added FAQ id that does not say which id of intents.md it refines', () => {
    const dir = brokenCopy('faq/call-price.json', (d) => {
      delete d.refines;
    });
    expect(errorsOf(dir)).toEqual(['content/faq/call-price.json: refines: required for faq.call-price, which is not an id of intents.md']);
  });

  it('an id of intents.md that claims to refine another', () => {
    const dir = brokenCopy('faq/cost.json', (d) => {
      d.refines = 'faq.scoping-call';
    });
    expect(errorsOf(dir)).toEqual(['content/faq/cost.json: refines: only for ids added beyond intents.md']);
  });

  it('an answer over 120 words', () => {
    const dir = brokenCopy('faq/timeline.json', (d) => {
      d.answer = `${'word '.repeat(130)}Shall we carry on with the scoping questions?`;
    });
    expect(errorsOf(dir)).toEqual(['content/faq/timeline.json: answer: must be at most 120 words (got 138)']);
  });

  it('too few phrases', () => {
    const dir = brokenCopy('intents/chat.thanks.json', (d) => {
      d.phrases = ['thanks', 'cheers'];
    });
    expect(errorsOf(dir)).toEqual(['content/intents/chat.thanks.json: phrases: must have at least 12 phrases (got 2)']);
  });

  it('a phrase given to two intents, however it is punctuated', () => {
    const dir = brokenCopy('intents/chat.greeting.json', (d) => {
      (d.phrases as string[]).push('Thank you!');
    });
    expect(errorsOf(dir)).toEqual([expect.stringMatching(/^content\/intents\/chat\.thanks\.json: phrases\.\d+: "thank you" is also a phrase of chat\.greeting$/)]);
  });

  it('a follow-up that is not an intent id', () => {
    const dir = brokenCopy('faq/cost.json', (d) => {
      d.followUps = ['faq.pricing'];
    });
    expect(errorsOf(dir)).toEqual([expect.stringMatching(/^content\/faq\/cost\.json: followUps\.0: /)]);
  });

  it('a missing intent file', () => {
    const dir = brokenCopy('faq/cost.json', () => undefined);
    fs.rmSync(path.join(dir, 'faq', 'cost.json'));
    expect(errorsOf(dir)).toEqual(['content: faq.cost: no content file for this intent']);
  });

  it('a privacy reply without its placeholders', () => {
    const dir = brokenCopy('intents/cmd.privacy.json', (d) => {
      d.reply = 'We keep your answers for a while.';
    });
    expect(errorsOf(dir)).toEqual([
      'content/intents/cmd.privacy.json: reply: must contain {privacyNoticeUrl}',
      'content/intents/cmd.privacy.json: reply: must contain {retentionDays}',
    ]);
  });

  it('an answer that does not end by offering a next step', () => {
    const dir = brokenCopy('faq/both.json', (d) => {
      d.answer = 'In most cases, yes.';
    });
    expect(errorsOf(dir)).toEqual(['content/faq/both.json: answer: must end by offering a next step']);
  });

  it('a file that is not JSON', () => {
    const dir = brokenCopy('faq/both.json', () => undefined);
    fs.writeFileSync(path.join(dir, 'faq', 'both.json'), '{ "id": ');
    expect(errorsOf(dir)).toEqual(expect.arrayContaining([expect.stringMatching(/^content\/faq\/both\.json: not valid JSON/)]));
  });
});

describe('normalisePhrase', () => {
  it.each([
    ['Thank you!', 'thank you'],
    ["What's  27001?", 'whats 27001'],
    ['  ISO/IEC 42001 ', 'isoiec 42001'],
  ])('%j → %j', (input, expected) => expect(normalisePhrase(input)).toBe(expected));
});
