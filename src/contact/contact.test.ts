import { isPersonalMailbox, validateContactSubmit, validateField } from './contact';

/** Contact details: personal mailboxes come from the maintained free-email-domains list, and are taken after one question. */

it.each([
  ['tom.baker77@gmail.com', true],
  ['tom@btinternet.com', true],
  ['Someone@HOTMAIL.CO.UK', true],
  ['ada@example-trust.nhs.uk', false],
  ['tom@baker-consulting.co.uk', false],
])('%s is a personal mailbox: %s', (email, personal) => {
  expect(isPersonalMailbox(email)).toBe(personal);
});

it('a personal address is a valid email (no longer refused outright)', () => {
  expect(validateField('email', ' Tom.Baker77@gmail.com ')).toEqual({ ok: true, value: 'tom.baker77@gmail.com' });
});

describe('the form', () => {
  const form = { question: 'contact' as const, name: 'Tom Baker', organisation: 'Baker Consulting', consent: 'true' };

  it('sends a personal address back once with the question, and takes it when sent again', () => {
    const first = validateContactSubmit({ ...form, email: 'tom@btinternet.com' });
    expect(first).toMatchObject({ ok: false, consent: true, personalEmailQuestion: 'tom@btinternet.com', problems: {} });
    const again = validateContactSubmit({ ...form, email: 'tom@btinternet.com', personalEmailOk: 'tom@btinternet.com' });
    expect(again).toEqual({ ok: true, personalEmail: true, contact: { name: 'Tom Baker', email: 'tom@btinternet.com', organisation: 'Baker Consulting' } });
  });

  it('a different personal address than the one asked about is asked about again', () => {
    const other = validateContactSubmit({ ...form, email: 'tom@gmail.com', personalEmailOk: 'tom@btinternet.com' });
    expect(other).toMatchObject({ ok: false, personalEmailQuestion: 'tom@gmail.com' });
  });

  it('a work address goes straight through, unmarked', () => {
    expect(validateContactSubmit({ ...form, email: 'tom@baker-consulting.co.uk' })).toMatchObject({ ok: true, personalEmail: false });
  });
});
