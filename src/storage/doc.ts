/**
 * A stored document that is not a JSON object (a torn write, a hand edit) is
 * read as an empty item with its eTag: the conversation then restarts with an
 * apology, like a record of an older shape, and the next save replaces it.
 */
export function parseDoc(doc: string): Record<string, unknown> {
  try {
    const parsed = JSON.parse(doc) as unknown;
    return parsed && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : { unreadable: true };
  } catch {
    return { unreadable: true };
  }
}
