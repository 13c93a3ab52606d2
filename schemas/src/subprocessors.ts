import { readFileSync } from 'node:fs';
import { subprocessorsFile } from './paths.js';

export type SubprocessorKind = 'HOSTING' | 'EMAIL' | 'SECURITY' | 'AI';

/** A third party that processes personal data on the platform's behalf (GDPR Art. 28). */
export interface RegisteredSubprocessor {
  kind: SubprocessorKind;
  name: string;
  purpose: string;
  /** The host the platform calls (as `new URL(url).hostname` gives it); null for providers it is hosted by. */
  host: string | null;
  /** Where the processing happens, in words (e.g. "Dublin, Ireland"). */
  location: string;
  /** ISO 3166-1 alpha-2 code of the processing country. */
  country: string;
  /** EU/EEA processing, an adequacy decision, or standard contractual clauses. */
  safeguard: 'EU' | 'ADEQUACY' | 'SCC';
}

/** The registry (schemas/privacy/subprocessors.json), sorted by kind then name. */
export function registeredSubprocessors(): RegisteredSubprocessor[] {
  const { subprocessors } = JSON.parse(readFileSync(subprocessorsFile, 'utf8')) as { subprocessors: RegisteredSubprocessor[] };
  const order: SubprocessorKind[] = ['HOSTING', 'SECURITY', 'EMAIL', 'AI'];
  return subprocessors.sort((a, b) => order.indexOf(a.kind) - order.indexOf(b.kind) || a.name.localeCompare(b.name));
}
