import { registeredSubprocessors } from '@verbatim/contracts';
import { ReportingError } from '../core/errors.js';

/** A third party that processes personal data on the platform's behalf (GDPR art. 28). */
export interface Subprocessor {
  name: string;
  purpose: string;
  /** Host of the endpoint's base URL, as `new URL(baseUrl).hostname` gives it. */
  host: string;
  /** Where the processing happens, in words (e.g. "Dublin, Ireland"). */
  location: string;
  /** ISO 3166-1 alpha-2 code of the processing country. */
  country: string;
  /** EU/EEA processing, an adequacy decision, or standard contractual clauses. */
  safeguard: 'EU' | 'ADEQUACY' | 'SCC';
}

export interface SubprocessorRegistry {
  /** Every registered subprocessor, sorted by name, as copies (for the public list). */
  list(): Subprocessor[];
  /** The subprocessor serving this base URL, or SUBPROCESSOR_NOT_ALLOWED. */
  assertAllowed(baseUrl: string): Subprocessor;
}

/** EU and EEA member states: processing there needs no transfer safeguard. */
const EEA = new Set([
  'AT', 'BE', 'BG', 'HR', 'CY', 'CZ', 'DK', 'EE', 'FI', 'FR', 'DE', 'GR', 'HU', 'IE', 'IT', 'LV', 'LT', 'LU', 'MT', 'NL',
  'PL', 'PT', 'RO', 'SK', 'SI', 'ES', 'SE', 'IS', 'LI', 'NO',
]);

/**
 * Countries with an EU adequacy decision (as of 2025). The United States are left out: its decision
 * (Data Privacy Framework) covers only certified companies, so register US processing as SCC.
 */
const ADEQUATE = new Set(['AD', 'AR', 'CA', 'FO', 'GG', 'IL', 'IM', 'JP', 'JE', 'NZ', 'KR', 'CH', 'GB', 'UY']);

const SAFEGUARDS = new Set(['EU', 'ADEQUACY', 'SCC']);

/**
 * The registry's AI providers (schemas/privacy/subprocessors.json, the one list); deployments add their own
 * (a self-hosted endpoint, another provider) with SUBPROCESSORS_EXTRA.
 */
export const DEFAULT_SUBPROCESSORS: readonly Subprocessor[] = registeredSubprocessors()
  .filter((s) => s.kind === 'AI' && s.host !== null)
  .map(({ name, purpose, host, location, country, safeguard }) => ({ name, purpose, host: host!, location, country, safeguard }));

function normaliseHost(host: string): string {
  return host.trim().toLowerCase().replace(/^\[|\]$/g, '').replace(/\.$/, '');
}

function hostOf(baseUrl: string): string {
  let url: URL;
  try {
    url = new URL(baseUrl);
  } catch {
    throw new ReportingError('SUBPROCESSOR_NOT_ALLOWED', `LLM base URL "${baseUrl}" is not a valid URL; set an absolute http(s) URL of a registered subprocessor.`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new ReportingError('SUBPROCESSOR_NOT_ALLOWED', `LLM base URL must use http or https, not ${url.protocol}`);
  }
  return normaliseHost(url.hostname);
}

function validate(entry: Subprocessor): Subprocessor {
  const problems: string[] = [];
  for (const field of ['name', 'purpose', 'host', 'location', 'country'] as const) {
    if (typeof entry[field] !== 'string' || entry[field].trim() === '') problems.push(`${field} is required`);
  }
  if (!SAFEGUARDS.has(entry.safeguard)) problems.push(`safeguard must be EU, ADEQUACY or SCC (got ${String(entry.safeguard)})`);
  const country = typeof entry.country === 'string' ? entry.country.toUpperCase() : '';
  if (entry.safeguard === 'EU' && !EEA.has(country)) problems.push(`safeguard EU needs an EU/EEA country (got ${country})`);
  if (entry.safeguard === 'ADEQUACY' && !ADEQUATE.has(country)) problems.push(`country ${country} has no EU adequacy decision; use SCC if clauses are signed`);
  if (problems.length > 0) {
    throw new ReportingError('INVALID_SUBPROCESSOR', `Subprocessor "${entry.name ?? '?'}": ${problems.join('; ')}.`);
  }
  return Object.freeze({ ...entry, host: normaliseHost(entry.host), country });
}

export function createSubprocessorRegistry(entries: readonly Subprocessor[]): SubprocessorRegistry {
  const byHost = new Map<string, Subprocessor>();
  for (const entry of entries.map(validate)) {
    if (byHost.has(entry.host)) {
      throw new ReportingError('INVALID_SUBPROCESSOR', `Host ${entry.host} is registered twice; keep one entry per host.`);
    }
    byHost.set(entry.host, entry);
  }
  return {
    list() {
      return [...byHost.values()].map((entry) => ({ ...entry })).sort((a, b) => a.name.localeCompare(b.name, 'en'));
    },
    assertAllowed(baseUrl) {
      const host = hostOf(baseUrl);
      const entry = byHost.get(host);
      if (!entry) {
        throw new ReportingError(
          'SUBPROCESSOR_NOT_ALLOWED',
          `Refused to call ${host}: it is not a registered subprocessor. Register it (name, purpose, location, EU/adequacy/SCC safeguard) or use a registered endpoint.`,
        );
      }
      return { ...entry };
    },
  };
}
