import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface Secrets {
  ANONYMIZER_PSEUDONYM_KEY: string;
  RIGHTS_DIGEST_KEY: string;
}

/** Keys generated once per profile and kept in .run/<profile>/secrets.json (pseudonyms must stay stable across restarts). */
export function loadSecrets(dir: string): Secrets {
  const file = join(dir, 'secrets.json');
  if (existsSync(file)) return JSON.parse(readFileSync(file, 'utf8')) as Secrets;
  const secrets: Secrets = {
    ANONYMIZER_PSEUDONYM_KEY: randomBytes(32).toString('hex'),
    RIGHTS_DIGEST_KEY: randomBytes(32).toString('hex'),
  };
  writeFileSync(file, `${JSON.stringify(secrets, null, 2)}\n`, { mode: 0o600 });
  return secrets;
}
