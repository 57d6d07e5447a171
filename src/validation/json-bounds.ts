/**
 * How deep and how big a parsed JSON value is, measured without recursion, so
 * a value nested 6,000 levels deep gets a clear 400 instead of overflowing the
 * stack somewhere further in (zod, botbuilder, JSON.stringify of a clone).
 */

export interface JsonBounds {
  maxDepth: number;
  /** Upper bound on keys plus array items, all levels together. */
  maxNodes?: number;
}

export type BoundsResult = { ok: true } | { ok: false; reason: string };

/** `{ a: [1, { b: 2 }] }` has depth 3: the object, the array, the inner object. */
export function checkJsonBounds(value: unknown, bounds: JsonBounds): BoundsResult {
  const maxNodes = bounds.maxNodes ?? 100_000;
  const stack: { node: unknown; depth: number }[] = [{ node: value, depth: 0 }];
  let nodes = 0;
  while (stack.length > 0) {
    const { node, depth } = stack.pop()!;
    if (node === null || typeof node !== 'object') continue;
    const level = depth + 1;
    if (level > bounds.maxDepth) return { ok: false, reason: `is nested more than ${bounds.maxDepth} levels deep` };
    const children = Array.isArray(node) ? node : Object.values(node as Record<string, unknown>);
    nodes += children.length;
    if (nodes > maxNodes) return { ok: false, reason: `has more than ${maxNodes} values` };
    for (const child of children) stack.push({ node: child, depth: level });
  }
  return { ok: true };
}

/** Bytes of the value as JSON; callers check bounds first, so this cannot overflow. */
export function jsonBytes(value: unknown): number {
  return value === undefined ? 0 : Buffer.byteLength(JSON.stringify(value) ?? '', 'utf8');
}
