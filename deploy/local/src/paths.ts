import { fileURLToPath } from 'node:url';
import { join } from 'node:path';

/** The repository root (deploy/local/src -> ../../..). */
export const root = fileURLToPath(new URL('../../../', import.meta.url));
/** Builds kept between runs, keyed by the hash of their inputs (gitignored). */
export const cacheDir = join(root, '.cache');
export const localDir = join(root, 'deploy', 'local');

/** Data, logs and secrets of one profile (gitignored). */
export function runDir(profile: string): string {
  return join(root, '.run', profile);
}
