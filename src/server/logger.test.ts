import { createLogger, redact } from './logger';

describe('logs never contain contact details', () => {
  it.each([
    ['ada@example-trust.nhs.uk booked', '[email] booked'],
    ['call +44 20 7946 0958 please', 'call [phone] please'],
    ['conversation 12 step 3', 'conversation 12 step 3'],
  ])('%s → %s', (input, output) => {
    expect(redact(input)).toBe(output);
  });

  it('masks them in fields too, and writes one JSON object per line', () => {
    const lines: string[] = [];
    const logger = createLogger('info', (line) => lines.push(line));
    logger.debug('hidden below the level');
    logger.warn('turn failed', { text: 'my email is ada@example.com', error: new Error('for 07700 900123') });
    expect(lines).toHaveLength(1);
    const entry = JSON.parse(lines[0]);
    expect(entry).toMatchObject({ level: 'warn', message: 'turn failed', text: 'my email is [email]' });
    expect(entry.error.message).toBe('for [phone]');
  });
});

describe('what is not contact details stays readable', () => {
  it.each([
    '2026-11-30T12:22:45.202Z',
    'conversation/msteams/19%3Ameeting_123456789',
    'booking slot-20261202T1000Z',
    'id 6f1c2b0e-4a3d-4e8f-9b27-5d0c8a1e7f42',
  ])('%s', (text) => {
    expect(redact(text)).toBe(text);
  });

  it('a phone number at the end of a sentence is still masked', () => {
    expect(redact('ring me on 07700 900123.')).toBe('ring me on [phone].');
  });
});
