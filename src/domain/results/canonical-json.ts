import { createHash } from 'node:crypto';

/**
 * The canonical JSON of a certificate (README "Certified results"): object keys sorted by their
 * UTF-16 code units (JavaScript's default sort, the same as Python's `sort_keys` for the ASCII
 * keys a certificate has), no whitespace anywhere, strings and numbers as `JSON.stringify` writes
 * them (a certificate holds only integers and strings, so no number has two spellings), arrays in
 * their given order. `json.dumps(doc, sort_keys=True, separators=(',', ':'), ensure_ascii=False)`
 * gives the same text, so a reader can recompute the SHA-256 with the tools at hand.
 */
export function toCanonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(toCanonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${toCanonicalJson(v)}`).join(',')}}`;
  }
  if (typeof value === 'number' && !Number.isSafeInteger(value)) {
    // A float has more than one spelling across languages; the certificate writes shares as text.
    throw new Error('canonical JSON holds integers only');
  }
  return JSON.stringify(value);
}

/** Lower-case hex SHA-256 of a text's UTF-8 bytes (what `sha256sum` prints). */
export function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}
