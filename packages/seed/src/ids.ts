import { createHash } from 'node:crypto';

/** A stable 24-hex id from a natural key, so re-running a seed upserts the same documents. */
export function stableId(...parts: (string | number)[]): string {
  return createHash('sha1').update(parts.join('|')).digest('hex').slice(0, 24);
}
