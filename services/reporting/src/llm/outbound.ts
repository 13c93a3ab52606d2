import { isReportingError } from '../core/errors.js';
import type { ResponseProfile } from '../analysis/profile.js';
import type { PersonalDataGuard } from './guard.js';

const MAX_RESPONSE_CHARS = 1000;

/** A response as it may leave: its profile, and the text the guard passed. */
export interface Outbound {
  profile: ResponseProfile;
  /** the text sent, after the guard */
  text: string;
}

/**
 * The outbound personal-data guard: each response is checked on its own, so one leak costs one
 * response, not the report. A response the engine still finds personal data in is redacted; one that
 * stays unclean after redaction is withheld. The notes tell the reader how many of each.
 */
export function prepareOutbound(profiles: readonly ResponseProfile[], guard: PersonalDataGuard): { outbound: Outbound[]; notes: string[] } {
  const notes: string[] = [];
  const outbound: Outbound[] = [];
  let redacted = 0;
  let withheld = 0;
  for (const profile of profiles) {
    const text = profile.text.trim().replace(/\s+/g, ' ').slice(0, MAX_RESPONSE_CHARS);
    if (text === '') continue;
    try {
      guard.assertClean(text);
      outbound.push({ profile, text });
    } catch (error) {
      if (!isReportingError(error, 'PERSONAL_DATA_IN_PROMPT')) throw error;
      const cleaned = guard.redact(text);
      try {
        guard.assertClean(cleaned);
        outbound.push({ profile, text: cleaned });
        redacted += 1;
      } catch {
        withheld += 1;
      }
    }
  }
  if (redacted > 0) notes.push(`${redacted} response${redacted === 1 ? '' : 's'} still carried personal data and ${redacted === 1 ? 'was' : 'were'} redacted before being sent to the LLM.`);
  if (withheld > 0) notes.push(`${withheld} response${withheld === 1 ? '' : 's'} could not be cleaned of personal data and ${withheld === 1 ? 'was' : 'were'} not sent to the LLM.`);
  return { outbound, notes };
}
