import type { RequestContext } from '@verbatim/kit';
import { assistanceQueue, closeThread, openThread, postMessage, readThread, replyToThread } from '../domain/assistance.js';
import type { IdentityDeps } from '../domain/deps.js';
import type { AssistanceMessageDoc, AssistanceThreadDoc } from '../model/assistance-thread.schema.js';

type Input = { input: unknown };

/** Assistance threads: the user's own, and the SUPPORT staff's queue. */
export function assistanceResolvers(deps: IdentityDeps) {
  return {
    Query: {
      assistanceQueue: (_: unknown, args: Record<string, unknown>, ctx: RequestContext) => assistanceQueue(deps, ctx, args),
      assistanceThread: (_: unknown, args: { id: string }, ctx: RequestContext) => readThread(deps, ctx, args.id),
    },
    Mutation: {
      openAssistanceThread: (_: unknown, args: Input, ctx: RequestContext) => openThread(deps, ctx, args.input),
      postAssistanceMessage: (_: unknown, args: Input, ctx: RequestContext) => postMessage(deps, ctx, args.input),
      replyToAssistanceThread: (_: unknown, args: Input, ctx: RequestContext) => replyToThread(deps, ctx, args.input),
      closeAssistanceThread: (_: unknown, args: { id: string }, ctx: RequestContext) => closeThread(deps, ctx, args.id),
    },
    AssistanceThread: {
      id: (t: AssistanceThreadDoc) => t._id,
      createdAt: (t: AssistanceThreadDoc) => t.createdAt.toISOString(),
      lastMessageAt: (t: AssistanceThreadDoc) => t.lastMessageAt.toISOString(),
      closedAt: (t: AssistanceThreadDoc) => t.closedAt?.toISOString() ?? null,
      userFirstName: async (t: AssistanceThreadDoc) => (await deps.users.findById(t.userId))?.firstName ?? '',
      // Each message names the thread's user, so the audit plugin records whose exchange a staff member read.
      messages: (t: AssistanceThreadDoc) => t.messages.map((m) => ({ ...m, userId: t.userId, workspaceId: t.workspaceId })),
    },
    AssistanceMessage: {
      id: (m: AssistanceMessageDoc) => m._id,
      at: (m: AssistanceMessageDoc) => m.at.toISOString(),
    },
  };
}
