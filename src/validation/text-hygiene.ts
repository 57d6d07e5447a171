/**
 * Characters no contact field needs and some readers obey: NUL and other C0/C1
 * controls end or garble strings in C tools and terminals, and the Unicode
 * bidirectional controls (U+202A–U+202E, U+2066–U+2069, U+200E/U+200F, U+061C)
 * make "moc.live@" display as "@evil.com" in a practitioner's view. Tabs and
 * newlines become spaces; the rest are removed.
 */

// eslint-disable-next-line no-control-regex
const LINE_CONTROLS = /[\t\n\r\v\f\u0085\u2028\u2029]/g;
// eslint-disable-next-line no-control-regex
const OTHER_CONTROLS = /[\u0000-\u0008\u000e-\u001f\u007f-\u0084\u0086-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff]/g;

export function stripControls(value: string): string {
  return value.replace(LINE_CONTROLS, ' ').replace(OTHER_CONTROLS, '');
}

/** True when stripping would change the string (for tests and logs). */
export function hasControls(value: string): boolean {
  return stripControls(value) !== value;
}
