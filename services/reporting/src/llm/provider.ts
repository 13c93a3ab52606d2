import OpenAI, { APIConnectionError, APIConnectionTimeoutError, APIError } from 'openai';
import { countLanguages, createFeatureLabeller, profileResponses, type ResponseProfile } from '../analysis/profile.js';
import { round, summariseSentiment } from '../analysis/sentiment.js';
import { buildTrends } from '../analysis/trends.js';
import type { AnalysisInput, ReportContent, Theme } from '../analysis/types.js';
import { chunkResponses, estimateTokens, type PromptLine } from './chunking.js';
import { ReportingError, isReportingError } from './errors.js';
import type { PersonalDataGuard } from './guard.js';
import { CHUNK_SYSTEM_PROMPT, MERGE_SYSTEM_PROMPT, chunkUserPrompt, mergeUserPrompt } from './prompts.js';
import { CHUNK_SCHEMA, MERGE_SCHEMA, parseJson, validateChunkOutput, validateMergeOutput, type ChunkOutput } from './schema.js';
import type { SubprocessorRegistry } from './subprocessors.js';

export interface LlmConfig {
  /** OpenAI-compatible base URL, e.g. https://api.openai.com/v1 or http://127.0.0.1:8080/v1 */
  baseUrl: string;
  apiKey: string;
  model: string;
  /** Per request. */
  timeoutMs: number;
  /** Further attempts after a failed request (timeouts, 408/409/429/5xx, malformed output). */
  maxRetries: number;
  /** Most tokens (prompt and completion, retries included) one report may use. */
  tokenBudget: number;
}

export interface LlmReporterDeps {
  config: LlmConfig;
  registry: SubprocessorRegistry;
  guard: PersonalDataGuard;
  fetch?: typeof fetch;
  /** Waits between retries; tests pass a no-op. */
  sleep?: (ms: number) => Promise<void>;
  /** First retry delay, doubled each retry, capped at 8 s (default 500 ms). */
  backoffMs?: number;
  /** Prompt tokens of responses per chunk (default 2,500, about 100 short responses). */
  chunkTokens?: number;
  /** Completion tokens allowed per request (default 4,000: a score per response, plus themes). */
  maxOutputTokens?: number;
}

export interface LlmReporter {
  generate(inputs: AnalysisInput[]): Promise<ReportContent>;
}

const MAX_RESPONSE_CHARS = 1000;
const MAX_THEMES = 12;
const QUOTE_MAX_CHARS = 300;

function validateConfig(config: LlmConfig): void {
  const problems: string[] = [];
  if (typeof config?.baseUrl !== 'string' || config.baseUrl === '') problems.push('baseUrl');
  if (typeof config?.model !== 'string' || config.model === '') problems.push('model');
  if (typeof config?.apiKey !== 'string') problems.push('apiKey');
  for (const key of ['timeoutMs', 'tokenBudget'] as const) if (!(Number.isFinite(config?.[key]) && config[key] > 0)) problems.push(key);
  if (!(Number.isInteger(config?.maxRetries) && config.maxRetries >= 0)) problems.push('maxRetries');
  if (problems.length > 0) {
    throw new ReportingError('INVALID_LLM_CONFIG', `LLM configuration is missing or invalid: ${problems.join(', ')}. Set them in the deployment's reporting configuration.`);
  }
}

function retryable(error: unknown): boolean {
  if (isReportingError(error, 'LLM_BAD_OUTPUT') || isReportingError(error, 'LLM_TIMEOUT')) return true;
  if (error instanceof APIConnectionError) return true;
  if (error instanceof APIError) {
    const status = error.status ?? 0;
    return status === 408 || status === 409 || status === 429 || status >= 500;
  }
  return false;
}

function asReportingError(error: unknown): ReportingError {
  if (error instanceof ReportingError) return error;
  if (error instanceof APIConnectionTimeoutError) {
    return new ReportingError('LLM_TIMEOUT', 'The LLM endpoint did not answer in time; raise timeoutMs or use the embedded analyzer.', { cause: error });
  }
  if (error instanceof APIError) {
    const status = error.status === undefined ? 'no status' : `HTTP ${error.status}`;
    return new ReportingError('LLM_UNAVAILABLE', `The LLM endpoint failed (${status}); check its URL, key and model, or use the embedded analyzer.`, { cause: error });
  }
  return new ReportingError('LLM_UNAVAILABLE', 'The LLM endpoint could not be reached; check its URL or use the embedded analyzer.', { cause: error });
}

function excerpt(text: string): string {
  const clean = text.trim().replace(/\s+/g, ' ');
  if (clean.length <= QUOTE_MAX_CHARS) return clean;
  const cut = clean.slice(0, QUOTE_MAX_CHARS);
  const space = cut.lastIndexOf(' ');
  return `${cut.slice(0, space > QUOTE_MAX_CHARS / 2 ? space : QUOTE_MAX_CHARS)}…`;
}

interface Outbound {
  profile: ResponseProfile;
  /** the text sent, after the guard */
  text: string;
}

interface PartialTheme {
  label: string;
  terms: string[];
  /** indices into the outbound list */
  members: number[];
  quotes: number[];
}

/**
 * Report generation on an OpenAI-compatible endpoint. Every request goes only to a registered
 * subprocessor, carries only text the guard has passed, and stays within the token budget;
 * every text the model returns is redacted before it enters the report.
 */
export function createLlmReporter(deps: LlmReporterDeps): LlmReporter {
  const { config, registry, guard } = deps;
  const sleep = deps.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const backoffMs = deps.backoffMs ?? 500;
  const chunkTokens = deps.chunkTokens ?? 2500;
  const maxOutputTokens = deps.maxOutputTokens ?? 4000;

  async function generate(inputs: AnalysisInput[]): Promise<ReportContent> {
    validateConfig(config);
    registry.assertAllowed(config.baseUrl);
    const profiles = profileResponses(inputs);
    const notes: string[] = [];

    // The guard passes each response on its own, so one leak costs one response, not the report.
    const outbound: Outbound[] = [];
    let redacted = 0;
    let withheld = 0;
    for (const profile of profiles) {
      const text = profile.text.trim().replace(/\s+/g, ' ').slice(0, MAX_RESPONSE_CHARS);
      if (text === '') continue;
      try {
        guard.assertClean(text);
        outbound.push({ profile, text });
      } catch (error) {
        if (!isReportingError(error, 'PERSONAL_DATA_IN_PROMPT')) throw error;
        const cleaned = guard.redact(text);
        try {
          guard.assertClean(cleaned);
          outbound.push({ profile, text: cleaned });
          redacted += 1;
        } catch {
          withheld += 1;
        }
      }
    }
    if (redacted > 0) notes.push(`${redacted} response${redacted === 1 ? '' : 's'} still carried personal data and ${redacted === 1 ? 'was' : 'were'} redacted before being sent to the LLM.`);
    if (withheld > 0) notes.push(`${withheld} response${withheld === 1 ? '' : 's'} could not be cleaned of personal data and ${withheld === 1 ? 'was' : 'were'} not sent to the LLM.`);

    const chunks = outbound.length === 0 ? [] : chunkResponses(outbound.map((o) => o.text), chunkTokens);
    const budget = { spent: 0 };
    const systemTokens = estimateTokens(CHUNK_SYSTEM_PROMPT) + estimateTokens(JSON.stringify(CHUNK_SCHEMA));
    const planned =
      chunks.reduce((sum, chunk) => sum + systemTokens + estimateTokens(chunkUserPrompt(chunk)) + maxOutputTokens, 0) +
      (chunks.length > 1 ? estimateTokens(MERGE_SYSTEM_PROMPT) + 60 * chunks.length * 8 + maxOutputTokens : 0);
    if (planned > config.tokenBudget) {
      throw new ReportingError(
        'LLM_TOKEN_BUDGET_EXCEEDED',
        `This report would need about ${planned} tokens, over the budget of ${config.tokenBudget}; raise tokenBudget or use the embedded analyzer.`,
      );
    }

    const client = new OpenAI({
      baseURL: config.baseUrl,
      // Self-hosted servers often take no key, but the client insists on one; it is sent and ignored.
      apiKey: config.apiKey === '' ? 'no-key' : config.apiKey,
      // Explicit nulls keep the client from reading OPENAI_ORG_ID / OPENAI_PROJECT_ID from the environment.
      organization: null,
      project: null,
      // Backstop only: the per-request timer in complete() is the one that fires.
      timeout: config.timeoutMs + 1000,
      maxRetries: 0,
      logLevel: 'off',
      ...(deps.fetch ? { fetch: deps.fetch } : {}),
    });

    async function complete(system: string, user: string, schemaName: string, schema: object, parse: (value: unknown) => unknown): Promise<unknown> {
      // Last line of defence: the assembled request itself is checked, whatever was checked before.
      guard.assertClean(system);
      guard.assertClean(user);
      const promptTokens = estimateTokens(system) + estimateTokens(user) + estimateTokens(JSON.stringify(schema));
      let lastError: unknown;
      for (let attempt = 0; attempt <= config.maxRetries; attempt += 1) {
        if (attempt > 0) await sleep(Math.min(8000, backoffMs * 2 ** (attempt - 1)));
        if (budget.spent + promptTokens + maxOutputTokens > config.tokenBudget) {
          throw new ReportingError(
            'LLM_TOKEN_BUDGET_EXCEEDED',
            `The token budget of ${config.tokenBudget} ran out after ${budget.spent} tokens (retries included); raise tokenBudget or use the embedded analyzer.`,
            { cause: lastError },
          );
        }
        // Our own timer decides what a timeout is: how an aborted fetch surfaces differs between runtimes.
        const controller = new AbortController();
        let timedOut = false;
        const timer = setTimeout(() => {
          timedOut = true;
          controller.abort();
        }, config.timeoutMs);
        try {
          const completion = await client.chat.completions.create(
            {
              model: config.model,
              temperature: 0,
              max_tokens: maxOutputTokens,
              response_format: { type: 'json_schema', json_schema: { name: schemaName, strict: true, schema: schema as Record<string, unknown> } },
              messages: [
                { role: 'system', content: system },
                { role: 'user', content: user },
              ],
            },
            { signal: controller.signal },
          );
          // A proxy or a non-compatible server can answer 200 with something else entirely.
          if (typeof completion !== 'object' || completion === null || !Array.isArray(completion.choices)) {
            budget.spent += promptTokens;
            throw new ReportingError('LLM_BAD_OUTPUT', 'The endpoint did not answer like an OpenAI-compatible chat completions API; check the base URL.');
          }
          const usage = completion.usage?.total_tokens;
          budget.spent += typeof usage === 'number' && usage > 0 ? usage : promptTokens + estimateTokens(completion.choices[0]?.message?.content ?? '');
          if (completion.choices[0]?.finish_reason === 'length') {
            throw new ReportingError('LLM_BAD_OUTPUT', `The model's answer was cut at ${maxOutputTokens} tokens; lower chunkTokens or raise maxOutputTokens.`);
          }
          return parse(parseJson(completion.choices[0]?.message?.content));
        } catch (error) {
          if (timedOut) {
            budget.spent += promptTokens;
            lastError = new ReportingError('LLM_TIMEOUT', `The LLM endpoint did not answer within ${config.timeoutMs} ms; raise timeoutMs or use the embedded analyzer.`, { cause: error });
            continue;
          }
          // A request that failed before any answer may still have used its prompt.
          if (error instanceof APIConnectionError) budget.spent += promptTokens;
          lastError = error;
          if (!retryable(error)) break;
        } finally {
          clearTimeout(timer);
        }
      }
      throw asReportingError(lastError);
    }

    const scores = new Map<number, number>();
    const partial: Array<{ themes: PartialTheme[]; summary: string }> = [];
    for (const chunk of chunks) {
      const output = (await complete(CHUNK_SYSTEM_PROMPT, chunkUserPrompt(chunk), 'report_chunk', CHUNK_SCHEMA, (value) =>
        validateChunkOutput(value, chunk.length),
      )) as ChunkOutput;
      // What the model wrote is redacted on receipt: it may go out again in the merge request.
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
        await complete(
          MERGE_SYSTEM_PROMPT,
          mergeUserPrompt(all.map(({ id, theme }) => ({ id, label: theme.label, terms: theme.terms, count: theme.members.length })), partial.map((p) => p.summary)),
          'report_merge',
          MERGE_SCHEMA,
          validateMergeOutput,
        ),
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

    return assemble(profiles, outbound, themes, scores, guard.redact(summary).trim(), notes, guard);
  }

  return { generate };
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

function assemble(
  profiles: ResponseProfile[],
  outbound: Outbound[],
  partialThemes: PartialTheme[],
  llmScores: Map<number, number>,
  summary: string,
  notes: string[],
  guard: PersonalDataGuard,
): ReportContent {
  const responseCount = profiles.length;
  // Responses the model gave no score keep the lexicon's.
  const scoreById = new Map<string, number | null>(profiles.map((p) => [p.id, p.score]));
  outbound.forEach((o, index) => {
    const score = llmScores.get(index);
    if (score !== undefined) scoreById.set(o.profile.id, round(score));
  });
  const scored = (ids: readonly string[]): number[] => ids.map((id) => scoreById.get(id)).filter((s): s is number => typeof s === 'number');
  const clean = (text: string): string => guard.redact(text).replace(/\s+/g, ' ').trim();

  const themes: Theme[] = partialThemes
    .map((theme) => ({ theme, ids: theme.members.map((i) => outbound[i]!.profile.id) }))
    .sort((a, b) => b.ids.length - a.ids.length)
    .slice(0, MAX_THEMES)
    .map(({ theme, ids }, position) => {
      const quoteIdx = theme.quotes.length > 0 ? theme.quotes : theme.members.slice(0, 1);
      return {
        id: `theme-${position + 1}`,
        label: clean(theme.label) || `Theme ${position + 1}`,
        terms: [...new Set(theme.terms.map(clean).filter((t) => t !== ''))].slice(0, 8),
        responseIds: ids,
        count: ids.length,
        share: responseCount === 0 ? 0 : round(ids.length / responseCount, 4),
        sentiment: summariseSentiment(scored(ids)),
        quotes: quoteIdx.slice(0, 3).map((i) => ({ responseId: outbound[i]!.profile.id, text: excerpt(outbound[i]!.text) })),
      };
    });

  const allScores = scored(profiles.map((p) => p.id));
  const label = createFeatureLabeller(profiles);
  const df = new Map<string, number>();
  for (const p of profiles) for (const feature of new Set(p.features)) df.set(feature, (df.get(feature) ?? 0) + 1);
  const topTerms = [...df.entries()]
    .filter(([, count]) => count >= 2)
    .sort(([a, x], [b, y]) => y - x || (a < b ? -1 : 1))
    .slice(0, 15)
    .map(([feature, count]) => ({ term: label(feature), count }));

  const content: ReportContent = {
    summary: summary || (responseCount === 0 ? 'No responses to analyse: the dataset is empty.' : `${responseCount} responses analysed by the LLM backend.`),
    responseCount,
    languages: countLanguages(profiles),
    sentiment: summariseSentiment(allScores),
    themes,
    trends: buildTrends(profiles.map((p) => ({ submittedAt: p.submittedAt, score: scoreById.get(p.id) ?? null }))),
    topTerms,
  };
  if (notes.length > 0) content.notes = notes;
  return content;
}
