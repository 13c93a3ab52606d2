import { RIGHTS_OPENED } from '@verbatim/kit';

/** Topics reporting consumes (contracts in schemas/events). It produces only rights acknowledgements, through the kit. */
export const RESPONSE_ANONYMIZED = 'anonymizer.response-anonymized.v1';
export const CONSENT_CHANGED = 'consent.consent-changed.v1';
export { RIGHTS_OPENED };
