import { renderBriefCard, renderBriefMarkdown, type Brief } from '../leads/brief';
import { csvCell } from '../leads/csv';
import { validateField } from '../contact/contact';
import { escapeMarkdown } from './markdown-escape';
import { stripControls } from './text-hygiene';

/**
 * What practitioners open must show a visitor's text as text (issue 10, item 6):
 * Teams cards render Markdown, spreadsheets run formulas, terminals and
 * viewers obey control and bidi characters.
 */

const LINK = /(?<!\\)\[[^\]]*(?<!\\)\]\(/;

describe('Markdown in card text', () => {
  it.each([
    ['a link', '[Click here](https://evil.example/login)'],
    ['an image', '![x](https://evil.example/pixel.png)'],
    ['bold and a heading', '# **Urgent** _action_'],
    ['a bare address', 'Acme https://evil.example'],
  ])('%s stays inert', (_what, text) => {
    const escaped = escapeMarkdown(text);
    expect(escaped).not.toMatch(LINK);
    expect(escaped).not.toMatch(/(?<!\\)\*\*/);
    expect(escaped).not.toMatch(/(?<!\\)#/);
    expect(escaped).not.toMatch(/https?:\/\//);
  });

  it.each([
    ['a list item', '- item', '\\- item'],
    ['a quote', '> quoted', '\\> quoted'],
    ['a numbered item', '1. first', '1\\. first'],
    ['an international phone number', '+44 20 7946 0000', '+44 20 7946 0000'],
    ['a hyphenated start', '-1-1', '-1-1'],
  ])('%s at a line start: %s → %s', (_what, text, escaped) => {
    expect(escapeMarkdown(text)).toBe(escaped);
  });

  it('the Teams brief card escapes the organisation and contact facts', () => {
    const brief: Brief = {
      leadId: 'lead-1',
      contact: { name: '[Ada](https://evil.example)', email: 'ada@acme.example', organisation: '[Acme](https://evil.example/login)' },
      consent: { givenAt: '2026-11-30T10:00:00.000Z', noticeVersion: '2026-01' },
      answers: {},
      answerDetails: [],
      unanswered: [],
      assessment: null,
      booking: null,
      faqAsked: [],
      timeZone: 'Europe/London',
      visitorTimeZone: null,
      conversations: 1,
    } as unknown as Brief;
    const card = JSON.stringify(renderBriefCard(brief));
    const markdown = renderBriefMarkdown(brief);
    for (const rendered of [card.replace(/\\\\/g, '\\'), markdown]) expect(rendered).not.toMatch(LINK);
  });
});

describe('CSV cells a spreadsheet would evaluate', () => {
  it.each([
    ['=HYPERLINK("https://evil.example")', true],
    ['@SUM(A1)', true],
    ['+A1', true],
    ['-1-1', true],
    ['+44-20-7946', true],
    [' =1+1', true],
    ['\t=1', true],
    ['+44 20 7946 0000', false],
    ['+44 (20) 7946 0000', false],
    ['Acme Ltd', false],
    ['1+1', false],
  ])('%j → prefixed: %s', (value, prefixed) => {
    expect(csvCell(value).startsWith(`"'`)).toBe(prefixed);
  });
});

describe('contact fields as stored', () => {
  it('NUL, other controls and bidi overrides are removed; line breaks become spaces', () => {
    expect(stripControls('Ada\u0000 Love\u202elace\u2066')).toBe('Ada Lovelace');
    expect(validateField('name', 'Ada\u0000\u202e Lovelace')).toEqual({ ok: true, value: 'Ada Lovelace' });
    expect(validateField('organisation', 'Acme\r\nLtd')).toEqual({ ok: true, value: 'Acme Ltd' });
    expect(validateField('email', 'ada@acme.example\u200f')).toEqual({ ok: true, value: 'ada@acme.example' });
  });
});
