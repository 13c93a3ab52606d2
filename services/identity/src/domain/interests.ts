import { randomUUID } from 'node:crypto';
import { badInput, conflict, notFound, parseInput, requireUser, requireWorkspace, type RequestContext } from '@verbatim/kit';
import { z } from 'zod';
import type { InterestDoc } from '../model/interest.schema.js';
import type { WorkspaceDoc } from '../model/workspace.schema.js';
import type { IdentityDeps } from './deps.js';

/** A person follows a handful of themes; past this, it is no longer a list their team can read. */
export const MAX_INTERESTS = 50;

const interestId = z.uuid('interestId must be an interest id');
const theme = z.string().trim().min(1, 'theme must not be empty').max(60, 'theme is at most 60 characters');
const note = z.string().trim().max(500, 'note is at most 500 characters');
const addInput = z.object({ theme, note: note.nullish() });
const updateInput = z.object({ interestId, theme: theme.nullish(), note: note.nullish() });
const shareInput = z.object({ interestId, workspaceId: z.uuid('workspaceId must be a workspace id') });

const interestNotFound = () => notFound('The interest');
const sameTheme = (a: string, b: string) => a.toLocaleLowerCase() === b.toLocaleLowerCase();

export const interestsOfUser = (deps: IdentityDeps, userId: string) => deps.interests.findOfUser(userId);

export async function addInterest(deps: IdentityDeps, ctx: RequestContext, raw: unknown): Promise<InterestDoc> {
  const input = parseInput(addInput, raw);
  const userId = requireUser(ctx).userId;
  const own = await deps.interests.findOfUser(userId);
  if (own.length >= MAX_INTERESTS) throw badInput(`At most ${MAX_INTERESTS} interests: remove one first.`);
  if (own.some((i) => sameTheme(i.theme, input.theme))) throw conflict('You already follow this theme: update it instead.');
  const now = new Date();
  const interest: InterestDoc = { _id: randomUUID(), userId, theme: input.theme, note: input.note || null, sharedWith: [], createdAt: now, updatedAt: now };
  await deps.interests.insert(interest);
  return interest;
}

export async function updateInterest(deps: IdentityDeps, ctx: RequestContext, raw: unknown): Promise<InterestDoc> {
  const input = parseInput(updateInput, raw);
  const userId = requireUser(ctx).userId;
  if (!input.theme && input.note === undefined) throw badInput('Give a new theme or a new note.');
  if (input.theme) {
    const taken = (await deps.interests.findOfUser(userId)).some((i) => i._id !== input.interestId && sameTheme(i.theme, input.theme!));
    if (taken) throw conflict('You already follow this theme.');
  }
  const set = { ...(input.theme ? { theme: input.theme } : {}), ...(input.note !== undefined ? { note: input.note || null } : {}) };
  const updated = await deps.interests.updateOwn(userId, input.interestId, set, new Date());
  if (!updated) throw interestNotFound();
  return updated;
}

export async function removeInterest(deps: IdentityDeps, ctx: RequestContext, id: string): Promise<boolean> {
  const userId = requireUser(ctx).userId;
  if (!z.uuid().safeParse(id).success || !(await deps.interests.deleteOwn(userId, id))) throw interestNotFound();
  return true;
}

/** Shares with (or stops sharing with) a workspace the caller belongs to. */
export async function shareInterest(deps: IdentityDeps, ctx: RequestContext, raw: unknown, shared: boolean): Promise<InterestDoc> {
  const input = parseInput(shareInput, raw);
  const userId = requireWorkspace(ctx, input.workspaceId).userId;
  const updated = await deps.interests.share(userId, input.interestId, input.workspaceId, shared, new Date());
  if (!updated) throw interestNotFound();
  return updated;
}

/**
 * What the members of a workspace see: the interests shared with it by its current members, except a
 * restricted member's (Art. 18: stored, not shown). Each carries the workspace, so the kit's audit plugin
 * files the read under it.
 */
export async function sharedInterestsOf(deps: IdentityDeps, workspace: WorkspaceDoc) {
  const shared = await deps.interests.sharedWith(workspace._id);
  const members = new Set(workspace.members.map((m) => m.userId));
  const owners = new Map((await deps.users.findByIds([...new Set(shared.map((i) => i.userId))])).map((u) => [u._id, u]));
  return shared.flatMap((i) => {
    const owner = owners.get(i.userId);
    if (!owner || owner.restricted || !members.has(i.userId)) return [];
    return [{ id: i._id, userId: i.userId, workspaceId: workspace._id, theme: i.theme, note: i.note, sharedBy: owner.firstName }];
  });
}
