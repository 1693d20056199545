import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** The monorepo root: the nearest folder above this package holding turbo.json. */
export function repoRoot(from = __dirname): string {
  let dir = from;
  while (!existsSync(join(dir, 'turbo.json'))) {
    const up = dirname(dir);
    if (up === dir) throw new Error('cannot find the Union Graph repository root (turbo.json)');
    dir = up;
  }
  return dir;
}
