import { randomUUID } from 'node:crypto';
import { parseInput, requireWorkspace, requireWorkspaceRead, retryOnRevision, REVISION_CHANGED, type RequestContext } from '@verbatim/kit';
import { z } from 'zod';
import { consentChangedEntry } from '../events/publish.js';
import { CONSENT_PURPOSES, type ConsentChange, type ConsentDoc } from '../model/consent.schema.js';
import type { ConsentNoticeDoc } from '../model/notice.schema.js';
import type { ConsentDeps } from './deps.js';
import { changed } from './consents.js';
import { MAX_EVIDENCE_TEXT, sha256Hex } from './evidence.js';

export const publishNoticeInput = z.object({
  workspaceId: z.uuid('workspaceId must be an id'),
  text: z.string().trim().min(1, 'text (the notice shown to people) is required').max(MAX_EVIDENCE_TEXT, `text is at most ${MAX_EVIDENCE_TEXT} characters`),
  purposes: z
    .array(z.enum(CONSENT_PURPOSES))
    .max(CONSENT_PURPOSES.length)
    .transform((p) => [...new Set(p)]),
});

const PAGE = 200;

/**
 * Publishes the workspace's next notice version (ADMIN). Consents of the purposes it changes that were
 * given under an older version become OUTDATED (each with its history entry and consent-changed event),
 * so processing resting on them holds until the person is asked again.
 */
export async function publishConsentNotice(deps: ConsentDeps, ctx: RequestContext, raw: unknown): Promise<ConsentNoticeDoc> {
  const input = parseInput(publishNoticeInput, raw);
  const principal = requireWorkspace(ctx, input.workspaceId, 'ADMIN');
  const notice = await retryOnRevision('Another notice was published at the same time; try again.', async () => {
    const version = ((await deps.notices.latest(input.workspaceId))?.version ?? 0) + 1;
    const doc: ConsentNoticeDoc = {
      _id: randomUUID(),
      workspaceId: input.workspaceId,
      version,
      purposes: input.purposes,
      text: input.text,
      textSha256: sha256Hex(input.text),
      publishedBy: principal.userId,
      publishedAt: new Date(),
      appliedAt: null,
      outdatedCount: 0,
    };
    return (await deps.notices.insert(doc)) === 'duplicate' ? REVISION_CHANGED : doc;
  });
  const outdatedCount = await applyNotice(deps, notice);
  deps.log.info({ workspaceId: notice.workspaceId, version: notice.version, purposes: notice.purposes, outdatedCount }, 'consent notice published');
  return { ...notice, appliedAt: new Date(), outdatedCount };
}

async function outdate(deps: ConsentDeps, notice: ConsentNoticeDoc, read: ConsentDoc): Promise<boolean> {
  let known: ConsentDoc | null = read;
  return retryOnRevision('The consent kept changing while outdating it.', async () => {
    const current = known ?? (await deps.consents.findById(read._id));
    known = null;
    if (!current || current.status !== 'GRANTED' || current.noticeVersion >= notice.version) return false;
    const change: ConsentChange = { status: 'OUTDATED', source: current.source, at: notice.publishedAt, method: null, evidence: null, noticeVersion: notice.version, by: notice.publishedBy };
    const set = { status: 'OUTDATED' as const, outdatedAt: notice.publishedAt };
    if (!(await deps.consents.applyChange(current._id, current.rev, set, change, [consentChangedEntry(deps.bus, current, 'OUTDATED')]))) return REVISION_CHANGED;
    changed(deps, { ...current, ...set });
    return true;
  });
}

/** Marks what `notice` outdates, page by page; safe to repeat (only GRANTED consents under older versions change). */
export async function applyNotice(deps: ConsentDeps, notice: ConsentNoticeDoc): Promise<number> {
  let outdated = 0;
  if (notice.purposes.length) {
    let after = '';
    for (;;) {
      const page = await deps.consents.findGrantedBefore(notice.workspaceId, notice.purposes, notice.version, after, PAGE);
      for (const consent of page) if (await outdate(deps, notice, consent)) outdated++;
      if (page.length < PAGE) break;
      after = page[page.length - 1]!._id;
    }
  }
  await deps.notices.markApplied(notice._id, outdated);
  return outdated;
}

/** At start: finishes the marking of notices whose publication stopped half-way (a crash, a restart). */
export function createNoticeResumer(deps: ConsentDeps) {
  let running: Promise<void> | null = null;
  return {
    name: 'consent-notice-resumer',
    start() {
      running = (async () => {
        for (const notice of await deps.notices.findUnapplied()) await applyNotice(deps, notice);
      })().catch((err: unknown) => deps.log.error({ err }, 'resuming consent notices failed'));
    },
    async stop() {
      await running;
    },
  };
}

export async function noticesOf(deps: ConsentDeps, ctx: RequestContext, workspaceId: string): Promise<ConsentNoticeDoc[]> {
  requireWorkspaceRead(ctx, parseInput(z.uuid('workspaceId must be an id'), workspaceId));
  return deps.notices.findByWorkspace(workspaceId, 100);
}
