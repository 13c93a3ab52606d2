import type { PromptLine } from './chunking.js';
import type { Complete } from './completion.js';
import type { PersonalDataGuard } from './guard.js';
import { CHUNK_SYSTEM_PROMPT, MERGE_SYSTEM_PROMPT, chunkUserPrompt, mergeUserPrompt } from './prompts.js';
import { CHUNK_SCHEMA, MERGE_SCHEMA, validateChunkOutput, validateMergeOutput, type ChunkOutput } from './schema.js';

/** A theme as the model gave it, its responses and quotes as indices into the outbound list. */
export interface PartialTheme {
  label: string;
  terms: string[];
  /** indices into the outbound list */
  members: number[];
  quotes: number[];
}

export interface ChunkedAnalysis {
  themes: PartialTheme[];
  /** The model's summary: a merged one is not redacted yet (the reporter redacts the final text). */
  summary: string;
  /** The model's sentiment score per outbound index. */
  scores: Map<number, number>;
}

/**
 * Chunk-then-merge: one request per chunk of responses (themes, a score per response, a summary),
 * then, when there was more than one chunk, one request that merges the chunks' themes and summaries.
 * What the model wrote is redacted on receipt: it may go out again in the merge request.
 */
export async function analyseInChunks(chunks: readonly PromptLine[][], complete: Complete, guard: PersonalDataGuard): Promise<ChunkedAnalysis> {
  const scores = new Map<number, number>();
  const partial: Array<{ themes: PartialTheme[]; summary: string }> = [];
  for (const chunk of chunks) {
    const output = (await complete({
      system: CHUNK_SYSTEM_PROMPT,
      user: chunkUserPrompt(chunk),
      schemaName: 'report_chunk',
      schema: CHUNK_SCHEMA,
      parse: (value) => validateChunkOutput(value, chunk.length),
    })) as ChunkOutput;
    partial.push({ themes: toPartialThemes(output, chunk, guard), summary: guard.redact(output.summary) });
    for (const { ref, score } of output.sentiments) {
      const line = chunk[ref - 1];
      if (line !== undefined && !scores.has(line.index)) scores.set(line.index, score);
    }
  }

  let themes: PartialTheme[];
  let summary: string;
  if (partial.length <= 1) {
    themes = partial[0]?.themes ?? [];
    summary = partial[0]?.summary ?? '';
  } else {
    const all = partial.flatMap((p, c) => p.themes.map((theme, t) => ({ id: `c${c + 1}t${t + 1}`, theme })));
    const byId = new Map(all.map(({ id, theme }) => [id, theme]));
    const merged = validateMergeOutput(
      await complete({
        system: MERGE_SYSTEM_PROMPT,
        user: mergeUserPrompt(all.map(({ id, theme }) => ({ id, label: theme.label, terms: theme.terms, count: theme.members.length })), partial.map((p) => p.summary)),
        schemaName: 'report_merge',
        schema: MERGE_SCHEMA,
        parse: validateMergeOutput,
      }),
    );
    const used = new Set<string>();
    themes = [];
    for (const theme of merged.themes) {
      const sources = theme.sources.filter((id) => byId.has(id) && !used.has(id));
      if (sources.length === 0) continue;
      sources.forEach((id) => used.add(id));
      const parts = sources.map((id) => byId.get(id)!);
      themes.push({ label: theme.label, terms: theme.terms, members: parts.flatMap((p) => p.members), quotes: parts.flatMap((p) => p.quotes) });
    }
    // A chunk theme the merge forgot keeps its responses as a theme of its own.
    for (const { id, theme } of all) if (!used.has(id)) themes.push(theme);
    summary = merged.summary;
  }
  return { themes, summary, scores };
}

function toPartialThemes(output: ChunkOutput, chunk: readonly PromptLine[], guard: PersonalDataGuard): PartialTheme[] {
  const assigned = new Set<number>();
  const themes: PartialTheme[] = [];
  for (const theme of output.themes) {
    const members: number[] = [];
    for (const ref of theme.responses) {
      const line = chunk[ref - 1];
      // Unknown numbers are dropped; a response the model put in two themes stays in the first.
      if (line === undefined || assigned.has(line.index)) continue;
      assigned.add(line.index);
      members.push(line.index);
    }
    if (members.length === 0) continue;
    const memberSet = new Set(members);
    const quotes = [...new Set(theme.quotes.map((ref) => chunk[ref - 1]?.index).filter((i): i is number => i !== undefined && memberSet.has(i)))];
    themes.push({ label: guard.redact(theme.label), terms: theme.terms.map((term) => guard.redact(term)), members, quotes });
  }
  return themes;
}
