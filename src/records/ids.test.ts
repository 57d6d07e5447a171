import { newRowId } from './ids';

describe('row ids', () => {
  it('carry their kind and a UUID', () => {
    expect(newRowId('lead')).toMatch(/^lead-[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(newRowId('booking')).toMatch(/^booking-/);
    expect(newRowId('consent')).toMatch(/^consent-/);
  });

  it('sort in the order they were made, even within one millisecond, so new rows go to the end of the key index', () => {
    const made = Array.from({ length: 2000 }, () => newRowId('lead'));
    expect([...made].sort()).toEqual(made);
    expect(new Set(made).size).toBe(made.length);
  });
});
