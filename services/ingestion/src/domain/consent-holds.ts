import type { ConsentChanged } from '@verbatim/contracts';
import { responseReceivedEntry } from '../events/response-received.js';
import type { ConsentStateDoc } from '../model/consent-state.schema.js';
import type { DatasetDoc } from '../model/dataset.schema.js';
import type { ConsentHold, ResponseDoc } from '../model/response.schema.js';
import type { IngestionDeps } from './deps.js';

/** The consent purpose the processing of a response (anonymization, then analysis) rests on. */
const PURPOSE: ConsentChanged['purpose'] = 'ANALYSIS';

/**
 * Why a response referring to `state` must wait, or null when its consent stands. A consentRef is valid
 * only as the id of a GRANTED ANALYSIS consent of that very respondent in that workspace: anything else
 * (a free-text reference, another person's consent, another tenant's) is unknown here.
 */
export function holdFor(state: ConsentStateDoc | undefined, workspaceId: string, respondentId: string): ConsentHold | null {
  if (!state || state.workspaceId !== workspaceId || state.subjectType !== 'RESPONDENT' || state.subjectId !== respondentId || state.purpose !== PURPOSE) return 'CONSENT_UNKNOWN';
  if (state.status === 'WITHDRAWN') return 'CONSENT_WITHDRAWN';
  if (state.status === 'OUTDATED') return 'CONSENT_OUTDATED';
  return null;
}

export type ConsentCheck = (respondentId: string, consentRef: string) => ConsentHold | null;

/** Checks a batch's consent references at once; a dataset not resting on consent holds nothing. */
export async function consentCheck(deps: Pick<IngestionDeps, 'consentStates'>, dataset: Pick<DatasetDoc, 'workspaceId' | 'legalBasis'>, refs: string[]): Promise<ConsentCheck> {
  if (dataset.legalBasis !== 'CONSENT') return () => null;
  const states = await deps.consentStates.findByIds([...new Set(refs)]);
  return (respondentId, consentRef) => holdFor(states.get(consentRef), dataset.workspaceId, respondentId);
}

/**
 * Forwards the responses held for want of this consent, now GRANTED; a restricted respondent's stay
 * HELD for the restriction (their consent hold is cleared, the lifting forwards them). Returns how many
 * were forwarded.
 */
export async function releaseConsentHolds(deps: IngestionDeps, state: ConsentStateDoc): Promise<number> {
  if (holdFor(state, state.workspaceId, state.subjectId) !== null) return 0;
  const held = await deps.responses.findConsentHeld(state._id, state.workspaceId, state.subjectId);
  if (!held.length) return 0;
  const respondent = await deps.respondents.findById(state.subjectId);
  if (!respondent) return 0;
  const forwarded: string[] = [];
  for (const response of held) {
    const entry = respondent.restricted ? null : responseReceivedEntry(deps.bus, response, respondent);
    if ((await deps.responses.releaseConsentHold(response._id, entry)) && entry) forwarded.push(response._id);
  }
  deps.relay.kick({ model: deps.responses.model, ids: forwarded });
  deps.log.info({ consentId: state._id, released: held.length, forwarded: forwarded.length }, 'consent holds released');
  return forwarded.length;
}

/**
 * consent.consent-changed.v1: keeps the state, then releases what a grant allows, or updates why the rest
 * waits. Users' consents are not kept: no response rests on them, and their ids have no business here.
 */
export async function applyConsentChange(deps: IngestionDeps, event: ConsentChanged, occurredAt: string): Promise<void> {
  if (event.subjectType !== 'RESPONDENT') return;
  const state: ConsentStateDoc = {
    _id: event.consentId,
    workspaceId: event.workspaceId,
    subjectType: event.subjectType,
    subjectId: event.subjectId,
    purpose: event.purpose,
    status: event.status,
    changedAt: new Date(occurredAt),
  };
  if (!(await deps.consentStates.apply(state))) return;
  if (event.status === 'GRANTED') {
    await releaseConsentHolds(deps, state);
    return;
  }
  const reason = holdFor(state, state.workspaceId, state.subjectId);
  if (reason) await deps.responses.setConsentHold(state._id, state.workspaceId, state.subjectId, reason);
}

/**
 * After a batch is stored: a grant announced between its check and its write found nothing to release,
 * so the held references are checked once more.
 */
export async function recheckConsentHolds(deps: IngestionDeps, docs: ResponseDoc[]): Promise<void> {
  await recheckConsentRefs(deps, [...new Set(docs.filter((d) => d.consentHold).map((d) => d.consentRef))]);
}

export async function recheckConsentRefs(deps: IngestionDeps, refs: string[]): Promise<void> {
  if (!refs.length) return;
  const states = await deps.consentStates.findByIds(refs);
  for (const state of states.values()) if (state.status === 'GRANTED') await releaseConsentHolds(deps, state);
}
