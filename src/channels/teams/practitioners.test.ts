import { practitionerCommand } from './practitioners';

describe('practitionerCommand (text after the mention is stripped)', () => {
  it.each([
    ['register briefs here', 'register'],
    ['Register briefs here.', 'register'],
    ['  register   this channel ', 'register'],
    ['post leads in this channel', 'register'],
    ['stop briefs here', 'unregister'],
    ['unregister', 'unregister'],
    ['unregister this channel', 'unregister'],
    ['can I register for a call?', null],
    ['register', null],
    ['where do briefs go', null],
    ['stop', null],
  ])('%j → %s', (text, expected) => {
    expect(practitionerCommand(text)).toBe(expected);
  });
});
