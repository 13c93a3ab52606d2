import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Kind, parse, type ConstDirectiveNode, type ConstValueNode } from 'graphql';
import { dataMapFile, privacyPolicyFile, registeredSubprocessors, sdlFile, SERVICES, type DataMap, type DataMapField, type DataMapRetentionRule, type PrivacyPolicy, type ServiceName } from './src/index.js';

/**
 * Writes data-map.json from every subgraph's @personalData declarations and every service's
 * src/model/personal-data.json (what it stores without exposing), each value checked against
 * privacy/policy.json. `pnpm data-map:generate` runs it; schemas/test/data-map.spec.ts fails when the
 * committed file differs from what this returns.
 */

type Declaration = Omit<DataMapField, 'key' | 'holder' | 'collection' | 'path' | 'exposedAs'> & { stored: string };

export const storedDeclarationsFile = (service: ServiceName) => fileURLToPath(new URL(`../services/${service}/src/model/personal-data.json`, import.meta.url));
export const retentionRulesFile = (service: ServiceName) => fileURLToPath(new URL(`../services/${service}/src/model/retention.json`, import.meta.url));

function value(node: ConstValueNode): unknown {
  if (node.kind === Kind.LIST) return node.values.map(value);
  if (node.kind === Kind.STRING || node.kind === Kind.ENUM) return node.value;
  throw new Error(`@personalData takes strings and lists of strings, not ${node.kind}`);
}

function declarationOf(directive: ConstDirectiveNode): Declaration {
  return Object.fromEntries((directive.arguments ?? []).map((a) => [a.name.value, value(a.value)])) as Declaration;
}

/** Every problem of one declaration, in words that say how to fix it. */
function problemsOf(policy: PrivacyPolicy, where: string, d: Declaration): string[] {
  const problems: string[] = [];
  const known = (what: string, vocabulary: Record<string, string>, v: string) => {
    if (!(v in vocabulary)) problems.push(`${where}: ${what} "${v}" is not one of ${Object.keys(vocabulary).join(', ')} (schemas/privacy/policy.json)`);
  };
  if (!/^[a-z_]+\.[A-Za-z_.]+$/.test(d.stored ?? '')) problems.push(`${where}: stored must be "<collection>.<field path>", not "${d.stored}"`);
  if (!d.subjects?.length || d.subjects.some((s) => s !== 'USER' && s !== 'RESPONDENT')) problems.push(`${where}: subjects must list USER and/or RESPONDENT`);
  known('category', policy.categories, d.category);
  if (!d.purposes?.length) problems.push(`${where}: purposes must not be empty`);
  for (const p of d.purposes ?? []) known('purpose', policy.purposes, p);
  known('legalBasis', policy.legalBases, d.legalBasis);
  known('retention', policy.retentions, d.retention);
  known('source', policy.sources, d.source);
  if (!['CORRECTED', 'DERIVED', 'STATEMENT'].includes(d.rectification)) problems.push(`${where}: rectification must be CORRECTED, DERIVED or STATEMENT`);
  return problems;
}

export function generateDataMap(): DataMap {
  const policy = JSON.parse(readFileSync(privacyPolicyFile, 'utf8')) as PrivacyPolicy & { $comment?: string };
  delete policy.$comment;
  // Subprocessors are recipients too; their one list is the registry, not a copy in policy.json.
  for (const s of registeredSubprocessors()) {
    const role = s.kind === 'AI' ? `${s.purpose}, from anonymized texts only, when the client enables it.` : `${s.purpose}.`;
    policy.recipients.push({ name: s.name, role: `Subprocessor (${s.kind.toLowerCase()}): ${role}`, country: s.country, safeguard: s.safeguard });
  }
  const fields = new Map<string, DataMapField>();
  const problems: string[] = [];

  const add = (holder: ServiceName, where: string, d: Declaration, exposedAs: string | null) => {
    const found = problemsOf(policy, where, d);
    problems.push(...found);
    if (found.length) return;
    const [collection, ...path] = d.stored.split('.');
    const key = `${holder}.${d.stored}`;
    const { stored: _stored, ...attributes } = d;
    const field: DataMapField = { key, holder, collection: collection!, path: path.join('.'), ...attributes, exposedAs: exposedAs ? [exposedAs] : [] };
    const previous = fields.get(key);
    if (!previous) return void fields.set(key, field);
    const same = (f: DataMapField) => JSON.stringify({ ...f, exposedAs: [], why: undefined });
    if (same(previous) !== same(field)) problems.push(`${where}: ${key} is declared again with other attributes than ${previous.exposedAs.join(', ') || 'its model declaration'}; declare it the same way everywhere`);
    else if (exposedAs) previous.exposedAs.push(exposedAs);
  };

  for (const service of SERVICES) {
    for (const definition of parse(readFileSync(sdlFile(service), 'utf8')).definitions) {
      if (definition.kind !== Kind.OBJECT_TYPE_DEFINITION && definition.kind !== Kind.OBJECT_TYPE_EXTENSION) continue;
      for (const f of definition.fields ?? []) {
        for (const directive of f.directives ?? []) {
          if (directive.name.value !== 'personalData') continue;
          const exposed = `${definition.name.value}.${f.name.value}`;
          add(service, `schemas/${service}.graphql ${exposed}`, declarationOf(directive), exposed);
        }
      }
    }
    const file = storedDeclarationsFile(service);
    if (!existsSync(file)) {
      problems.push(`services/${service}/src/model/personal-data.json is missing: declare what the service stores but does not expose (an empty list if nothing)`);
      continue;
    }
    const { fields: stored } = JSON.parse(readFileSync(file, 'utf8')) as { fields: Declaration[] };
    for (const d of stored) add(service, `services/${service}/src/model/personal-data.json ${d.stored}`, d, null);
  }
  // The rules' own shape is checked by the kit (loadRetentionRules) when the service starts and in its tests.
  const retentionRules: DataMapRetentionRule[] = [];
  for (const service of SERVICES) {
    const file = retentionRulesFile(service);
    if (!existsSync(file)) {
      problems.push(`services/${service}/src/model/retention.json is missing: declare what the service deletes or archives, and when (an empty list if nothing)`);
      continue;
    }
    const { rules } = JSON.parse(readFileSync(file, 'utf8')) as { rules: Array<Omit<DataMapRetentionRule, 'holder'>> };
    for (const rule of rules) {
      if (!(rule.retention in policy.retentions)) problems.push(`services/${service}/src/model/retention.json ${rule.name}: retention "${rule.retention}" is not one of ${Object.keys(policy.retentions).join(', ')}`);
      retentionRules.push({ holder: service, ...rule });
    }
  }
  if (problems.length) throw new Error(`the data map cannot be generated:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  return { policy, fields: [...fields.values()].sort((a, b) => a.key.localeCompare(b.key)), retentionRules };
}

export const dataMapJson = (): string => `${JSON.stringify({ $comment: 'Generated by `pnpm data-map:generate` (schemas/data-map.ts) from the @personalData declarations, services/*/src/model/personal-data.json and retention.json, and privacy/policy.json. Do not edit.', ...generateDataMap() }, null, 2)}\n`;

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1] && process.argv.includes('--write')) {
  writeFileSync(dataMapFile, dataMapJson());
  process.stdout.write(`wrote ${dataMapFile}\n`);
}
