import { fieldsHeldBy, HOLDERS, loadDataMap, type RightsAccessSection } from '@verbatim/contracts';
import { badInput, projectDeclared, type RequestContext } from '@verbatim/kit';
import type { RightsRequestDoc } from '../model/request.schema.js';
import { art15Information, type Art15Information } from './art15-information.js';
import { auditEntriesNaming } from './audit-log.js';
import type { RightsDeps } from './deps.js';
import { transmitWhenReady } from './portability-transmission.js';
import { readRequest } from './requests.js';

export interface AnswerSection {
  service: string;
  receivedAt: Date;
  collections: RightsAccessSection['collections'];
}

export interface AccessAnswer {
  request: RightsRequestDoc;
  complete: boolean;
  pendingServices: string[];
  information: Art15Information;
  sections: AnswerSection[];
}

/**
 * Stores a holder's section as it arrives, keyed by request and holder (for an access or a portability
 * request). A section for an unknown request or another kind is dropped: nothing would ever show it,
 * and it is a copy of personal data. The last section of a complete portability request sends its archive.
 */
export async function storeAccessSection(deps: RightsDeps, section: RightsAccessSection): Promise<void> {
  const request = await deps.requests.findById(section.requestId);
  if (!request || (request.kind !== 'ACCESS' && request.kind !== 'PORTABILITY') || !request.subjectId || request.subjectType !== section.subjectType) {
    deps.log.warn({ requestId: section.requestId, service: section.service }, 'access section for no open access request; dropped');
    return;
  }
  await deps.sections.put({
    _id: `${section.requestId}:${section.service}`,
    requestId: section.requestId,
    service: section.service,
    subjectType: section.subjectType,
    subjectId: request.subjectId,
    collections: section.collections,
    exportedAt: new Date(section.exportedAt),
    receivedAt: new Date(),
  });
  deps.log.info({ requestId: section.requestId, service: section.service }, 'access section stored');
  if (request.kind === 'PORTABILITY') await transmitWhenReady(deps, (await deps.requests.findById(request._id)) ?? request);
}

/**
 * Rights' own section: the subject's requests, limited to the data map's declared fields (so never who
 * asked on a respondent's behalf: that is another person).
 */
async function ownSection(deps: RightsDeps, request: RightsRequestDoc): Promise<AnswerSection> {
  const paths = fieldsHeldBy(loadDataMap(), 'rights', request.subjectType).filter((f) => f.collection === 'requests').map((f) => f.path);
  const requests = await deps.requests.findAboutSubject(request.subjectType, request.subjectId!, request.workspaceId);
  const auditPaths = fieldsHeldBy(loadDataMap(), 'rights', request.subjectType).filter((f) => f.collection === 'audit_log').map((f) => f.path);
  const audit = await auditEntriesNaming(deps, request.subjectId!);
  return {
    service: 'rights',
    receivedAt: new Date(),
    collections: [
      { collection: 'requests', documents: requests.map((r) => projectDeclared(r, paths)) },
      // Who read or changed their data (ids of the objects only; another person's id never appears as theirs).
      { collection: 'audit_log', documents: audit.map((e) => projectDeclared({ ...e, subjectRefs: e.subjectRefs.filter((r) => r === request.subjectId) }, auditPaths)) },
    ],
  };
}

/** The answer to an access request, for whoever may see the request (its requester, or an ADMIN of its workspace). */
export async function accessAnswer(deps: RightsDeps, ctx: RequestContext, rawId: unknown): Promise<AccessAnswer> {
  const request = await readRequest(deps, ctx, rawId);
  if (request.kind !== 'ACCESS') throw badInput(`Request ${request._id} is a ${request.kind} request; accessAnswer reads ACCESS requests only.`);
  const stored = await deps.sections.findByRequest(request._id);
  const arrived = new Set(stored.map((s) => s.service));
  const pendingServices = HOLDERS.filter((h) => !arrived.has(h));
  return {
    request,
    complete: pendingServices.length === 0,
    pendingServices,
    information: art15Information(loadDataMap(), request.subjectType),
    sections: [...stored.map(({ service, receivedAt, collections }) => ({ service, receivedAt, collections })), await ownSection(deps, request)],
  };
}

/**
 * Rights holds the requests and the access answers (checked by test/data-map-coverage.spec.ts): access
 * shows the subject's requests (ownSection); an erasure replaces the subject id by a digest and deletes
 * the access sections (completion.ts), and that write (or a refusal) also clears the contact email and a
 * rectification's correction. Nothing here is corrected: every field is a record (STATEMENT).
 */
export const rightsRecordsCoverage = {
  ACCESS: ['requests.subjectId', 'requests.requestedAt', 'requests.kind', 'requests.status', 'requests.statement', 'requests.erasureGround', 'requests.contactEmail', 'requests.correction', 'access_sections.collections', 'audit_log.actorUserId', 'audit_log.subjectRefs', 'audit_log.at', 'audit_log.fields', 'audit_log.accessGrant.reason', 'requests.destination', 'requests.objectionPurposes', 'requests.overridingGround.purpose', 'requests.overridingGround.justification'],
  RECTIFICATION: [],
  ERASURE: ['requests.subjectId', 'requests.requestedAt', 'requests.kind', 'requests.status', 'requests.statement', 'requests.erasureGround', 'requests.contactEmail', 'requests.correction', 'access_sections.collections', 'audit_log.actorUserId', 'audit_log.subjectRefs', 'audit_log.at', 'audit_log.fields', 'audit_log.accessGrant.reason', 'requests.destination', 'requests.objectionPurposes', 'requests.overridingGround.purpose', 'requests.overridingGround.justification'],
} as const;
