import type { ApolloServerPlugin } from '@apollo/server';
import type { RequestContext } from '../auth/principal.js';
import { readsUnderGrant } from '../auth/workspace-read.js';
import type { Logger } from '../logger.js';
import type { AuditRecorder } from './audit-records.js';

/** Types whose id is a person's id. */
const PERSON_TYPES = new Set(['Respondent', 'User', 'WorkspaceMember']);

/** At most this many object ids per entry; the entry says when there were more. */
const MAX_REFS = 500;

function idOf(source: unknown): string | undefined {
  if (!source || typeof source !== 'object') return undefined;
  const s = source as Record<string, unknown>;
  const id = s['id'] ?? s['_id'];
  return typeof id === 'string' ? id : undefined;
}

/** The person an object is about, when it names them (a response's respondent, a session's user, a consent's subject). */
function personOf(source: unknown): string | undefined {
  if (!source || typeof source !== 'object') return undefined;
  const s = source as Record<string, unknown>;
  const person = s['respondentId'] ?? s['userId'] ?? s['subjectId'];
  return typeof person === 'string' ? person : undefined;
}

/** A read a resolver audits itself (no declared field to see it by, e.g. the DPO's archive read), with its reason. */
export interface AuditedRead {
  /** What was read, as the entry's `fields` names it (e.g. `Query.consentArchive:consents`). */
  field: string;
  subjectRefs: readonly string[];
  workspaceIds: ReadonlyArray<string | null>;
  /** Why the reader opened it, as they stated it. */
  reason: string;
}

const notedReads = new WeakMap<object, AuditedRead[]>();

/** Notes a read for this request's audit entry: written by the audit plugin before the answer leaves, like any other. */
export function noteAuditedRead(ctx: RequestContext, read: AuditedRead): void {
  const reads = notedReads.get(ctx) ?? [];
  reads.push(read);
  notedReads.set(ctx, reads);
}

function workspaceOf(source: unknown): string | undefined {
  const ws = source && typeof source === 'object' ? (source as Record<string, unknown>)['workspaceId'] : undefined;
  return typeof ws === 'string' ? ws : undefined;
}

/**
 * Audits every read or change of personal data through the graph: while an operation executes, it notes
 * each resolved field the data map declares personal (`personalFields`: Type.field) and the id of the
 * object it belongs to; before the answer leaves, one entry (who, which fields, which objects, when;
 * never values) is written to the service's audit outbox. A person reading their own data is not
 * audited. If the entry cannot be written, the answer is replaced by an AUDIT_UNAVAILABLE error: no
 * personal data leaves unaudited.
 */
export function auditPlugin(recorder: AuditRecorder, personalFields: ReadonlySet<string>, log: Logger): ApolloServerPlugin<RequestContext> {
  return {
    async requestDidStart() {
      const fields = new Set<string>();
      const refs = new Set<string>();
      const workspaces = new Set<string>();
      let readsOthers = false;
      return {
        async executionDidStart({ contextValue }) {
          // A respondent reading their own data through their session is the person themself too.
          const self = contextValue.principal?.userId ?? contextValue.respondent?.respondentId;
          return {
            willResolveField({ info, source }) {
              const field = `${info.parentType.name}.${info.fieldName}`;
              if (!personalFields.has(field)) return;
              const id = idOf(source);
              const person = personOf(source);
              if ((person ?? id) === self) return;
              readsOthers = true;
              fields.add(field);
              // Which person was read: the one the object names, or the object itself when it is a person. Ids of
              // other objects are left out: nothing could replace them by a digest when their person is erased.
              const ref = person ?? (PERSON_TYPES.has(info.parentType.name) ? id : undefined);
              if (ref) refs.add(ref);
              const ws = workspaceOf(source);
              if (ws) workspaces.add(ws);
            },
          };
        },
        async willSendResponse({ contextValue, operation, operationName, response }) {
          const noted = notedReads.get(contextValue) ?? [];
          for (const read of noted) {
            readsOthers = true;
            fields.add(read.field);
            for (const ref of read.subjectRefs) refs.add(ref);
            for (const ws of read.workspaceIds) if (ws) workspaces.add(ws);
          }
          if (!readsOthers || response.body.kind !== 'single') return;
          const principal = contextValue.principal;
          const reason = noted.length ? [...new Set(noted.map((r) => r.reason))].join('\n').slice(0, 2000) : null;
          const subjectRefs = [...refs];
          try {
            // One entry per workspace whose data was read, so each workspace's ADMINs see theirs.
            for (const workspaceId of workspaces.size ? [...workspaces] : [null]) {
              // Staff outside the workspace read it under their grant: the entry names it and its reason.
              const grant = workspaceId ? readsUnderGrant(principal, workspaceId) : undefined;
              await recorder.record({
                ...(grant ? { accessGrant: { id: grant.grantId, reason: grant.reason } } : {}),
                workspaceId,
                actorUserId: principal?.client ? null : (principal?.userId ?? null),
                actorClientId: principal?.client?.clientId ?? null,
                operationType: operation?.operation ?? 'query',
                // The gateway names a subgraph's part of a query `<client name>__<subgraph>__<n>`: keep the client's name.
                operationName: operationName?.replace(/__[a-z]+__\d+$/, '').slice(0, 200) || null,
                fields: [...fields].sort(),
                subjectRefs: subjectRefs.slice(0, MAX_REFS),
                truncated: subjectRefs.length > MAX_REFS,
                reason,
              });
            }
          } catch (err) {
            log.error({ err, operationName }, 'audit entry could not be written; the answer is withheld');
            response.body.singleResult = {
              errors: [{ message: 'The answer holds personal data and its audit entry could not be written: try again.', extensions: { code: 'AUDIT_UNAVAILABLE' } }],
            } as never;
          }
        },
      };
    },
  };
}
