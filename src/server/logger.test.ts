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
