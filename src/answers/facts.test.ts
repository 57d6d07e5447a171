import type { Answers } from '../scoping/questions';
import { extractFacts, readFacts } from './facts';

/** Facts volunteered in any message fill questions that are then not asked, so only explicit ones count. */

describe('extractFacts: what a message states outright', () => {
  const stated: [string, Answers][] = [
    ["we're an NHS trust and already 27001 certified", { sector: 'health', certification: 'certified' }],
    ["we're a SaaS company using AI in production", { sector: 'technology', ai_use: 'active' }],
    ['We are a district council trialling Copilot.', { sector: 'public', ai_use: 'exploring' }],
    ["we don't use AI at all, we're a law firm", { ai_use: 'none', sector: 'professional' }],
    ["we don't have 27001", { certification: 'none' }],
    ['we are working towards ISO 27001', { certification: 'in-progress' }],
    ['I work for an insurance company', { sector: 'financial' }],
    ['we have customers in France', { eu_exposure: 'yes' }],
    ['we only operate in the UK', { eu_exposure: 'no' }],
    ['our customers keep asking about AI governance in tenders', { procurement: 'ai-governance' }],
    ['tenders only ask for security questionnaires', { procurement: 'security-only' }],
    ['Our security controls are weak', { infosec_maturity: 'weak' }],
    // AI that makes decisions about customers is live: both facts follow.
    ['AI makes decisions about our customers', { ai_use: 'active', ai_materiality: 'high' }],
    ['we are a software company selling to NHS trusts', { sector: 'technology' }],
    ["Hi, we're a council and we want to know whether ISO 42001 applies.", { sector: 'public' }],
    ['tenders now include questions about our AI policy', { procurement: 'ai-governance' }],
  ];
  it.each(stated)('"%s" → %j', (text, facts) => {
    expect(extractFacts(text)).toEqual(facts);
  });
});

describe('readFacts: facts the reader is less sure of are confirmed first', () => {
  it('offers the less sure facts of a crowded sentence as in passing, and extractFacts leaves them out', () => {
    const text = "we're a 27001 certified fintech with ChatGPT pilots";
    const facts = readFacts(text);
    expect(facts).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ question: 'certification', value: 'certified', check: 'in-passing' }),
        expect.objectContaining({ question: 'ai_use', value: 'exploring', check: 'in-passing' }),
      ]),
    );
    for (const fact of facts) if (fact.confidence < 0.8) expect(fact.check).not.toBeNull();
    const sure = Object.fromEntries(facts.filter((f) => f.check === null).map((f) => [f.question, f.value]));
    expect(extractFacts(text)).toEqual(sure);
    expect(extractFacts(text)).not.toHaveProperty('certification');
  });
  it('gives every fact a confidence between 0 and 1', () => {
    for (const fact of readFacts("we're an NHS trust and already 27001 certified")) {
      expect(fact.confidence).toBeGreaterThan(0);
      expect(fact.confidence).toBeLessThanOrEqual(1);
    }
  });
});

describe('extractFacts: does not invent facts', () => {
  const nothing: string[] = [
    'yes',
    'no',
    '2',
    'the second one',
    'not sure',
    'no idea',
    "I'm not sure whether we're certified",
    'do we need 27001?',
    'how long does it take',
    'what is ISO 47001',
    'working towards it', // "it" is only an answer in the context of the question
    'certified', // certified to what?
    'we are 9001 certified',
    'we sell software to banks and councils', // customers are not the sector
    'our clients include NHS trusts',
    'we are not a bank',
    'in production',
    'health',
    'low',
    'other',
    'hello, can I book a call?',
    'we have no AI governance yet',
    '',
    '🤖🔥',
    '<script>alert(1)</script>',
  ];
  it.each(nothing)('"%s" → {}', (text) => {
    expect(extractFacts(text)).toEqual({});
  });

  it('reads what buyers ask about AI as nothing about using AI', () => {
    expect(extractFacts('tenders want 27001 and pen tests, never anything about AI')).not.toHaveProperty('ai_use');
    expect(extractFacts('security questions yes, AI questions no')).not.toHaveProperty('ai_use');
  });

  // A negated mention of AI in a clause about someone else (buyers, customers, nobody) denies their interest, not the organisation's AI.
  const aboutOthers: [string, string[]][] = [
    ['enterprise customers send us security questionnaires, nobody asked about AI yet', ['procurement']],
    ["customers haven't raised AI at all", []],
    ['none of our customers care about AI', []],
    ['so far no client has brought up AI', []],
    ["our clients don't care whether we use AI", []],
    ['tenders want 27001, our buyers have never mentioned AI', ['procurement']],
    ["the regulators haven't said anything about machine learning", []],
    ['our auditors never asked about AI', []],
  ];
  it.each(aboutOthers)('"%s" states nothing about the organisation\'s own AI', (text, questions) => {
    const facts = readFacts(text);
    expect(facts.map((f) => f.question)).toEqual(questions);
    expect(extractFacts(text)).toEqual({});
  });

  it('confirms "security asked, AI not" before recording it', () => {
    expect(readFacts('enterprise customers send us security questionnaires, nobody asked about AI yet')).toEqual([
      expect.objectContaining({ question: 'procurement', value: 'security-only', check: 'negation' }),
    ]);
  });

  it('still reads the organisation denying its own AI, whoever else is named', () => {
    expect(extractFacts('nobody here uses AI')).toEqual({ ai_use: 'none' });
    expect(extractFacts('none of our staff use ChatGPT')).toEqual({ ai_use: 'none' });
    expect(extractFacts("we don't use AI, our customers don't either")).toMatchObject({ ai_use: 'none' });
  });

  it('takes acronyms for acronyms, not countries, and "here" for no place', () => {
    expect(readFacts('IT support and HR software, we are a small AI shop').filter((f) => f.question === 'eu_exposure')).toEqual([]);
    expect(readFacts("no AI, it's all paper forms here").filter((f) => f.question === 'eu_exposure')).toEqual([]);
  });

  it('never fills an unsure value', () => {
    expect(extractFacts("we don't know if our users are in the EU and our security is hard to say")).toEqual({});
  });

  it('leaves out a question whose phrases disagree', () => {
    expect(extractFacts("we're a law firm and we're a bank")).toEqual({});
  });

  it('copes with 100 KB of text', () => {
    expect(extractFacts('lorem ipsum '.repeat(9000))).toEqual({});
    expect(extractFacts(`we are an NHS trust ${'x'.repeat(102_400)}`)).toEqual({ sector: 'health' });
  });
});
