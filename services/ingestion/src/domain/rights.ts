import type { ActionCount, RightsRequestOpened } from '@verbatim/contracts';
import { accessStrategy, type EventBus, type RightsCoverage, type RightsStrategies } from '@verbatim/kit';
import { responseReceivedEntry } from '../events/response-received.js';
import type { IngestionDeps } from './deps.js';

/** The respondent the request names, in the request's workspace when it gives one. */
async function subject(deps: IngestionDeps, req: RightsRequestOpened) {
  if (req.subjectType !== 'RESPONDENT') return null;
  const respondent = await deps.respondents.findById(req.subjectId);
  if (!respondent || (req.workspaceId && respondent.workspaceId !== req.workspaceId)) return null;
  return respondent;
}

const escaped = (value: string) => value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The person's own text with their old name and email replaced by the corrected ones, wherever they wrote them. */
function withCorrectedIdentity(text: string, before: { name?: string | null; email?: string | null }, after: { name?: string | null; email?: string | null }): string {
  let out = text;
  for (const key of ['email', 'name'] as const) {
    const old = before[key];
    const corrected = after[key];
    if (old && corrected && old !== corrected) out = out.replace(new RegExp(escaped(old), 'gi'), corrected);
  }
  return out;
}

/**
 * Ingestion holds respondents and their raw responses; users are identity's business. Every strategy is
 * idempotent: a second run finds nothing left to change.
 */
export function ingestionRightsStrategies(deps: IngestionDeps, bus: Pick<EventBus, 'publish'>): RightsStrategies {
  return {
    ACCESS: accessStrategy({
      service: 'ingestion',
      bus,
      finders: {
        RESPONDENT: {
          respondents: async (req) => {
            const respondent = await subject(deps, req);
            return respondent ? [respondent] : [];
          },
          responses: async (req) => ((await subject(deps, req)) ? deps.responses.findByRespondent(req.subjectId) : []),
        },
      },
    }),
    async RECTIFICATION(req) {
      const respondent = await subject(deps, req);
      const correction = req.correction ?? {};
      if (!respondent) return [];
      const fields = { ...(correction.name ? { name: correction.name } : {}), ...(correction.email ? { email: correction.email } : {}), ...(correction.externalId ? { externalId: correction.externalId } : {}) };
      if (fields.externalId) {
        const holder = await deps.respondents.findByExternalId(respondent.workspaceId, fields.externalId);
        if (holder && holder._id !== respondent._id) {
          deps.log.warn({ requestId: req.requestId }, 'rectified external id belongs to another respondent of the workspace; left unchanged');
          delete fields.externalId;
        }
      }
      const corrected = { ...respondent, ...fields };
      // Texts first, while the stored respondent still has the old values: a retry after a failure finds them again.
      let rewritten = 0;
      const forwarded: string[] = [];
      for (const response of await deps.responses.findByRespondent(respondent._id)) {
        const text = withCorrectedIdentity(response.text, respondent, corrected);
        // A response held for want of consent stays held: its consent decides, not the rectification.
        const entry = respondent.restricted || response.consentHold ? null : responseReceivedEntry(deps.bus, { ...response, text }, corrected);
        if (await deps.responses.rewrite(response._id, text, entry)) rewritten++;
        if (entry) forwarded.push(response._id);
      }
      deps.relay.kick({ model: deps.responses.model, ids: forwarded });
      const respondents = Object.keys(fields).length ? await deps.respondents.correct(respondent._id, fields) : 0;
      deps.log.info({ requestId: req.requestId, rewritten, reanonymizing: forwarded.length }, 'respondent rectified');
      return [
        { collection: 'respondents', action: 'UPDATED', count: respondents },
        { collection: 'responses', action: 'UPDATED', count: rewritten },
      ];
    },
    async ERASURE(req) {
      const respondent = await subject(deps, req);
      if (!respondent) return [];
      const perDataset = await deps.responses.countByDatasetForRespondent(respondent._id);
      const responses = await deps.responses.deleteByRespondent(respondent._id);
      let datasets = 0;
      for (const { _id, count } of perDataset) datasets += await deps.datasets.adjustResponseCount(_id, -count);
      await deps.consentStates.deleteBySubject(respondent._id);
      // The respondent goes last: if anything above fails, a retry can still find what is left.
      const respondents = await deps.respondents.deleteById(respondent._id);
      deps.log.info({ requestId: req.requestId, responses, respondents }, 'respondent erased');
      return [
        { collection: 'responses', action: 'DELETED', count: responses },
        { collection: 'respondents', action: 'DELETED', count: respondents },
        { collection: 'datasets', action: 'UPDATED', count: datasets },
      ];
    },
    async RESTRICTION(req) {
      const respondent = await subject(deps, req);
      if (!respondent) return [];
      return [{ collection: 'respondents', action: 'RESTRICTED', count: await deps.respondents.setRestricted(respondent._id, true) }];
    },
    async LIFT_RESTRICTION(req) {
      const respondent = await subject(deps, req);
      if (!respondent) return [];
      const counts: ActionCount[] = [{ collection: 'respondents', action: 'RESUMED', count: await deps.respondents.setRestricted(respondent._id, false) }];
      // Everything is re-forwarded, not only HELD responses: the anonymizer may have skipped forwarded
      // ones while restricted. It replaces by response id, so repeats are harmless. Responses held for
      // want of consent stay held: lifting a restriction gives no consent.
      let resumed = 0;
      const forwarded: string[] = [];
      for (const response of await deps.responses.findByRespondent(respondent._id)) {
        if (response.consentHold) continue;
        if (await deps.responses.forward(response._id, responseReceivedEntry(deps.bus, response, { ...respondent, restricted: false }))) {
          resumed++;
          forwarded.push(response._id);
        }
      }
      deps.relay.kick({ model: deps.responses.model, ids: forwarded });
      counts.push({ collection: 'responses', action: 'RESUMED', count: resumed });
      deps.log.info({ requestId: req.requestId, resumed }, 'respondent restriction lifted');
      return counts;
    },
  };
}

/** The data-map fields these strategies handle, per right (checked by test/data-map-coverage.spec.ts). */
export const ingestionRightsCoverage: RightsCoverage = {
  ACCESS: ['respondents.externalId', 'respondents.email', 'respondents.name', 'respondents.restricted', 'respondents.createdAt', 'responses.text', 'responses.submittedAt', 'responses.receivedAt', 'responses.consentRef', 'responses.pipelineState', 'responses.consentHold'],
  RECTIFICATION: ['respondents.externalId', 'respondents.email', 'respondents.name'],
  ERASURE: ['respondents.externalId', 'respondents.email', 'respondents.name', 'respondents.restricted', 'respondents.createdAt', 'responses.text', 'responses.submittedAt', 'responses.receivedAt', 'responses.consentRef', 'responses.pipelineState', 'responses.consentHold'],
};
