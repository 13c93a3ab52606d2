import type { ActionCount, RightsRequestOpened } from '@verbatim/contracts';
import { accessStrategy, retryOnRevision, REVISION_CHANGED, type AccessFinders, type EventBus, type RightsCoverage, type RightsStrategies } from '@verbatim/kit';
import { subjectKey } from '../model/subject.repository.js';
import { removeQuotesOf } from '../analysis/index.js';
import type { ReportingDeps } from './deps.js';
import { reportTitle } from './generator.js';

/**
 * Removes the given responses' ids and quotes from one report and re-renders it; false if nothing changed.
 * A report that keeps changing throws, so the erasure is redelivered instead of acknowledged.
 */
async function pruneReport(deps: ReportingDeps, reportId: string, erased: Set<string>): Promise<boolean> {
  return retryOnRevision(`report ${reportId} kept changing during erasure; the request will be retried`, async () => {
    const report = await deps.reports.findById(reportId);
    if (!report) return false;
    const responseIds = report.responseIds.filter((id) => !erased.has(id));
    const { report: content, changes } = removeQuotesOf(report.content, erased);
    if (responseIds.length === report.responseIds.length && !changes.changed) return false;
    const title = reportTitle(report);
    const written = await deps.reports.replaceContent(report._id, report.rev, {
      responseIds,
      content,
      markdown: deps.render.markdown(title, content),
      html: deps.render.html(title, content),
    });
    return written || REVISION_CHANGED;
  });
}

const RECTIFIED_NOTE = 'Quotes of a respondent who corrected their data were taken out of this report; its figures are unchanged.';

/**
 * A respondent's rectification: their quotes leave every stored report (the quotes were cut from texts
 * anonymized with the old identity), the figures stay. False if the report quoted none of them.
 */
async function redactQuotes(deps: ReportingDeps, reportId: string, theirs: Set<string>): Promise<boolean> {
  return retryOnRevision(`report ${reportId} kept changing during rectification; the request will be retried`, async () => {
    const report = await deps.reports.findById(reportId);
    if (!report || !report.content.themes.some((t) => t.quotes.some((q) => theirs.has(q.responseId)))) return false;
    const themes = report.content.themes.map((t) => ({ ...t, quotes: t.quotes.filter((q) => !theirs.has(q.responseId)) }));
    const notes = report.content.notes?.includes(RECTIFIED_NOTE) ? report.content.notes : [...(report.content.notes ?? []), RECTIFIED_NOTE];
    const content = { ...report.content, themes, notes };
    const title = reportTitle(report);
    const written = await deps.reports.replaceContent(report._id, report.rev, {
      responseIds: report.responseIds,
      content,
      markdown: deps.render.markdown(title, content),
      html: deps.render.html(title, content),
    });
    return written || REVISION_CHANGED;
  });
}

/**
 * A user's erasure: the reports they wrote or shared stay the workspace's, without their id (and
 * without the note they shared with). Two guarded single-document writes per report, so a report shared
 * by someone else meanwhile keeps its sharer; a repeat finds nothing (count 0).
 */
async function eraseUser(deps: ReportingDeps, req: RightsRequestOpened): Promise<ActionCount[]> {
  let updated = 0;
  for (const reportId of await deps.reports.idsAuthoredOrSharedBy(req.subjectId, req.workspaceId ?? null)) {
    const author = await deps.reports.clearAuthor(reportId, req.subjectId);
    const sharer = await deps.reports.clearSharer(reportId, req.subjectId);
    if (author || sharer) updated++;
  }
  deps.log.info({ requestId: req.requestId, reports: updated }, 'user erasure executed');
  return [{ collection: 'reports', action: 'UPDATED', count: updated }];
}

/**
 * What reporting holds about a subject. A user: the authorship and sharing of reports (a field only when
 * it names them). A respondent: their corpus documents, their limitation flags, and in each report only
 * their own response ids and quotes (the other quotes are other people's).
 */
function accessFinders(deps: ReportingDeps, scope: (req: RightsRequestOpened) => { workspaceId: string; respondentId: string; key: string } | null): AccessFinders {
  return {
    USER: {
      async reports(req) {
        const views = [];
        for (const id of await deps.reports.idsAuthoredOrSharedBy(req.subjectId, req.workspaceId ?? null)) {
          const r = await deps.reports.findById(id);
          if (!r) continue;
          const shared = r.sharedBy === req.subjectId;
          views.push({ _id: r._id, ...(r.createdBy === req.subjectId ? { createdBy: r.createdBy } : {}), ...(shared ? { sharedAt: r.sharedAt, sharedBy: r.sharedBy, shareMessage: r.shareMessage } : {}) });
        }
        return views;
      },
    },
    RESPONDENT: {
      corpus: async (req) => {
        const subject = scope(req);
        return subject ? deps.corpus.findByRespondent(subject.workspaceId, subject.respondentId) : [];
      },
      subjects: async (req) => {
        const subject = scope(req);
        const flags = subject ? await deps.subjects.findById(subject.key) : null;
        return flags ? [flags] : [];
      },
      reports: async (req) => {
        const subject = scope(req);
        const theirs = new Set(subject ? await deps.corpus.responseIdsOfRespondent(subject.workspaceId, subject.respondentId) : []);
        if (!theirs.size) return [];
        return (await deps.reports.findDrawingOn([...theirs])).map((r) => ({
          _id: r._id,
          responseIds: r.responseIds.filter((id) => theirs.has(id)),
          content: { themes: { quotes: r.content.themes.flatMap((t) => t.quotes.filter((q) => theirs.has(q.responseId))) } },
        }));
      },
    },
  };
}

/**
 * Reporting's part of data-subject requests about respondents (and, for erasure, about users). Every strategy is idempotent, so a
 * retried request changes nothing more.
 */
export function reportingRightsStrategies(deps: ReportingDeps, bus: Pick<EventBus, 'publish'>): RightsStrategies {
  /** Requests are scoped to their workspace: one naming another workspace's respondent matches nothing. */
  const scope = (req: RightsRequestOpened) =>
    req.subjectType === 'RESPONDENT' && req.workspaceId ? { workspaceId: req.workspaceId, respondentId: req.subjectId, key: subjectKey(req.workspaceId, req.subjectId) } : null;
  return {
    ACCESS: accessStrategy({ service: 'reporting', bus, finders: accessFinders(deps, scope) }),
    // The corpus follows by itself: ingestion forwards the rectified texts again and they are re-anonymized.
    async RECTIFICATION(req) {
      const subject = scope(req);
      if (!subject) return [];
      const theirs = new Set(await deps.corpus.responseIdsOfRespondent(subject.workspaceId, subject.respondentId));
      let reports = 0;
      if (theirs.size) for (const report of await deps.reports.findDrawingOn([...theirs])) if (await redactQuotes(deps, report._id, theirs)) reports++;
      return [{ collection: 'reports', action: 'REGENERATED', count: reports }];
    },
    async ERASURE(req) {
      if (req.subjectType === 'USER') return eraseUser(deps, req);
      const subject = scope(req);
      if (!subject) return [];
      const responseIds = await deps.corpus.responseIdsOfRespondent(subject.workspaceId, subject.respondentId);
      // Reports first, corpus last: if this fails midway, the retry still finds the response ids to remove.
      let reports = 0;
      if (responseIds.length) {
        const erased = new Set(responseIds);
        for (const report of await deps.reports.findDrawingOn(responseIds)) {
          if (await pruneReport(deps, report._id, erased)) reports++;
        }
      }
      // The tombstone first: from here on, a late anonymized response of theirs is dropped on arrival.
      await deps.subjects.markErased(subject.key);
      const corpus = await deps.corpus.deleteByRespondent(subject.workspaceId, subject.respondentId);
      const subjects = await deps.subjects.deleteById(subject.key);
      const counts: ActionCount[] = [
        { collection: 'corpus', action: 'DELETED', count: corpus },
        { collection: 'reports', action: 'REGENERATED', count: reports },
        { collection: 'subjects', action: 'DELETED', count: subjects },
      ];
      deps.log.info({ requestId: req.requestId, corpus, reports, subjects }, 'erasure executed');
      return counts;
    },
    RESTRICTION: (req) => setRestriction(req, true),
    LIFT_RESTRICTION: (req) => setRestriction(req, false),
    // A respondent's objection (or its override) for the purposes reporting serves; kept even with no
    // response yet, like a restriction. Reporting does no processing of users on legitimate interest.
    async OBJECTION(req) {
      const subject = scope(req);
      const purposes = (req.objection?.purposes ?? []).filter((p) => p === 'ANALYSIS' || p === 'AI_PROCESSING');
      if (!subject || !purposes.length) return [];
      const objecting = !req.objection!.overridden;
      return [{ collection: 'subjects', action: 'UPDATED', count: await deps.subjects.setObjections(subject.key, purposes, objecting) }];
    },
  };

  /**
   * The flag lives on the subject only (kept even with no response yet, so responses arriving later are
   * left out too); the corpus documents themselves are not changed, so they are not counted.
   */
  async function setRestriction(req: RightsRequestOpened, restricted: boolean): Promise<ActionCount[]> {
    const subject = scope(req);
    if (!subject) return [];
    const subjects = await deps.subjects.setFlag(subject.key, 'restricted', restricted);
    return [{ collection: 'subjects', action: restricted ? 'RESTRICTED' : 'RESUMED', count: subjects }];
  }
}

/** The data-map fields these strategies handle, per right (checked by test/data-map-coverage.spec.ts). */
export const reportingRightsCoverage: RightsCoverage = {
  ACCESS: ['reports.createdBy', 'reports.sharedAt', 'reports.sharedBy', 'reports.shareMessage', 'reports.responseIds', 'reports.content.themes.quotes', 'corpus.text', 'corpus.pseudonym', 'corpus.submittedAt', 'subjects.restricted', 'subjects.analysisWithdrawn', 'subjects.aiProcessingWithdrawn', 'subjects.objections'],
  RECTIFICATION: ['reports.content.themes.quotes', 'corpus.text'],
  ERASURE: ['reports.createdBy', 'reports.sharedAt', 'reports.sharedBy', 'reports.shareMessage', 'reports.responseIds', 'reports.content.themes.quotes', 'corpus.text', 'corpus.pseudonym', 'corpus.submittedAt', 'subjects.restricted', 'subjects.analysisWithdrawn', 'subjects.aiProcessingWithdrawn', 'subjects.objections'],
};
