import { testConfig } from '../../src/config/config';
import { loadMessages, withFirmName } from '../../src/content/copy';
import { loadIntentContent } from '../../src/intents/content';
import { faqText } from './faq';

/** Curated answers as read: the firm's settings filled in, never a placeholder left; sources named under them. */

const content = loadIntentContent();
const messages = loadMessages();
if (!content.ok || !messages.ok) throw new Error('content does not load');
// As served: the firm's name filled in at start-up (src/app/services.ts).
const faq = withFirmName(content.content.faq, 'QL Security');
const copy = messages.messages;

it.each([
  [{}, "I don't have the call's price to hand, so I won't guess"],
  [{ BOOKING_CALL_PRICE: 'free' }, 'Yes: the scoping call is free of charge.'],
  [{ BOOKING_CALL_PRICE: '£150 plus VAT' }, 'The scoping call costs £150 plus VAT.'],
])('the call price with %j', (env, expected) => {
  expect(faqText(faq['faq.call-price'], testConfig(env), copy)).toContain(expected);
});

it.each([
  ['teams', 'Microsoft Teams video call'],
  ['phone', 'phone call'],
  ['teams-or-phone', 'whichever suits you'],
])('the call format %s', (format, expected) => {
  expect(faqText(faq['faq.call-format'], testConfig({ BOOKING_CALL_FORMAT: format }), copy)).toContain(expected);
});

it('a bad call format stops start-up with the setting named', () => {
  expect(() => testConfig({ BOOKING_CALL_FORMAT: 'carrier pigeon' })).toThrow(/BOOKING_CALL_FORMAT/);
});

it('every answer is filled in completely', () => {
  for (const entry of Object.values(faq)) expect(faqText(entry, testConfig({}), copy)).not.toMatch(/\{\w+\}/);
});

it('answers with facts beyond the article name their primary source', () => {
  expect(faqText(faq['faq.eu-ai-act-penalties'], testConfig({}), copy)).toMatch(/_Source: Regulation \(EU\) 2024\/1689 \(the EU AI Act\), Article 99/);
  expect(faqText(faq['faq.legal-requirement'], testConfig({}), copy)).toMatch(/_Source: ISO's catalogue entry for ISO\/IEC 42001:2023/);
});
