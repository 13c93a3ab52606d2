import { anonymize } from '@verbatim/anonymizer-engine';
import { badInput, requireWorkspace, type RequestContext } from '@verbatim/kit';

export const MAX_PREVIEW_CHARS = 20_000;

/** Runs the engine on a text an admin typed; nothing is stored and nothing about the text is logged. */
export function previewAnonymization(ctx: RequestContext, workspaceId: string, text: string) {
  requireWorkspace(ctx, workspaceId, 'ADMIN');
  if (text.length === 0 || text.length > MAX_PREVIEW_CHARS) {
    throw badInput(`text must have 1 to ${MAX_PREVIEW_CHARS} characters.`, { fields: [{ field: 'text', problem: 'length' }] });
  }
  const result = anonymize(text);
  return { text: result.text, language: result.language, changes: result.changes };
}
