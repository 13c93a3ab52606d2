import type { DataMap } from './data-map.js';
import type { RegisteredSubprocessor } from './subprocessors.js';

/**
 * The record of processing activities (GDPR Art. 30(1)), with the fields of the CNIL's model register: one
 * activity per purpose of the data map, each listing what the data map and the subprocessor registry say about
 * it. Generated, never written by hand: a field added with @personalData shows up here the same day.
 */
export interface ProcessingActivity {
  purpose: string;
  activity: string;
  legalBases: string[];
  subjectCategories: string[];
  dataCategories: string[];
  /** The services of the platform that hold the activity's data. */
  holders: string[];
  recipients: string[];
  transfers: string[];
  retention: string[];
  securityMeasures: string[];
}

export interface ProcessingRegister {
  controller: DataMap['policy']['controller'];
  generatedFrom: string;
  activities: ProcessingActivity[];
  subprocessors: RegisteredSubprocessor[];
}

const SUBJECTS: Record<string, string> = {
  USER: "Users: the clients' staff with an account on the platform",
  RESPONDENT: "Respondents: the clients' customers whose answers the clients import",
};

/** What the code enforces for every activity (each one is a feature with its tests, see the README). */
const SECURITY_MEASURES = [
  'Passwords hashed with Argon2id; sign-in limits per account and per address',
  'Short-lived EdDSA access tokens verified in every service; revocation within seconds',
  'Tenant isolation: every read and write is checked against the caller’s workspace',
  'Need-to-know access: personal data of others read or changed only by authorised roles, every access audited',
  'Customers’ texts anonymized before any analysis or AI provider sees them',
  'One database per service; signed proofs of every rights request; retention sweeps and a separate archive',
  'TLS between clients and the platform; outbound providers only from the subprocessor registry, over https',
];

/** Which kinds of subprocessor take part in an activity: hosting and protection in all, mail and AI where used. */
function takesPart(s: RegisteredSubprocessor, purpose: string): boolean {
  if (s.kind === 'HOSTING' || s.kind === 'SECURITY') return true;
  if (s.kind === 'AI') return purpose === 'AI_PROCESSING';
  return ['SERVICE_PROVISION', 'COMMUNICATION', 'LEGAL_COMPLIANCE', 'CONSENT_MANAGEMENT'].includes(purpose);
}

const distinct = (values: string[]) => [...new Set(values)];

export function buildProcessingRegister(map: DataMap, subprocessors: RegisteredSubprocessor[]): ProcessingRegister {
  const { policy } = map;
  const purposes = Object.keys(policy.purposes).filter((p) => map.fields.some((f) => f.purposes.includes(p)));
  const activities = purposes.map((purpose): ProcessingActivity => {
    const fields = map.fields.filter((f) => f.purposes.includes(purpose));
    const holders = distinct(fields.map((f) => f.holder)).sort();
    const providers = subprocessors.filter((s) => takesPart(s, purpose));
    const rules = map.retentionRules.filter((r) => fields.some((f) => f.holder === r.holder && f.collection === r.collection));
    return {
      purpose,
      activity: policy.purposes[purpose]!,
      legalBases: distinct(fields.map((f) => f.legalBasis)).map((b) => policy.legalBases[b] ?? b),
      subjectCategories: distinct(fields.flatMap((f) => f.subjects)).map((s) => SUBJECTS[s] ?? s),
      dataCategories: distinct(fields.map((f) => f.category)).map((c) => policy.categories[c] ?? c),
      holders,
      recipients: [...policy.recipients.filter((r) => !subprocessors.some((s) => s.name === r.name)).map((r) => `${r.name}: ${r.role}`), ...providers.map((s) => `${s.name} (${s.kind.toLowerCase()} subprocessor, ${s.location}): ${s.purpose}`)],
      transfers: providers.filter((s) => s.safeguard !== 'EU').map((s) => `${s.name}: ${s.location}, under ${s.safeguard === 'SCC' ? 'the Commission’s standard contractual clauses (Art. 46(2)(c))' : 'an adequacy decision (Art. 45)'}`),
      retention: [
        ...distinct(fields.map((f) => f.retention)).map((r) => policy.retentions[r] ?? r),
        ...rules.map((r) => `${r.holder}.${r.collection}: ${r.action === 'ARCHIVE' ? 'archived' : 'deleted'} ${r.after} after ${r.from}${r.archiveFor ? `, archive kept ${r.archiveFor}` : ''} (${r.name})`),
      ],
      securityMeasures: SECURITY_MEASURES,
    };
  });
  return { controller: policy.controller, generatedFrom: 'schemas/data-map.json and schemas/privacy/subprocessors.json', activities, subprocessors };
}

const TITLES: Array<[keyof ProcessingActivity, string]> = [
  ['legalBases', 'Legal basis'],
  ['subjectCategories', 'Categories of data subjects'],
  ['dataCategories', 'Categories of personal data'],
  ['holders', 'Services holding the data'],
  ['recipients', 'Recipients'],
  ['transfers', 'Transfers outside the EU and safeguards'],
  ['retention', 'Retention'],
  ['securityMeasures', 'Security measures'],
];

export function registerMarkdown(register: ProcessingRegister): string {
  const out = [`# Record of processing activities (GDPR Art. 30)`, '', `Controller: ${register.controller.name}, ${register.controller.address}. DPO: ${register.controller.dpoContact}.`, `Generated from ${register.generatedFrom}.`, '', '## Contents', ''];
  register.activities.forEach((a, i) => out.push(`${i + 1}. ${a.purpose}: ${a.activity}`));
  out.push(`${register.activities.length + 1}. Subprocessors`, '');
  register.activities.forEach((a, i) => {
    out.push(`## ${i + 1}. ${a.purpose}`, '', a.activity, '');
    for (const [key, title] of TITLES) {
      const values = a[key] as string[];
      out.push(`### ${title}`, '', ...(values.length ? values.map((v) => `- ${v}`) : ['- None']), '');
    }
  });
  out.push(`## ${register.activities.length + 1}. Subprocessors`, '', '| Kind | Name | Purpose | Location | Safeguard |', '|---|---|---|---|---|');
  for (const s of register.subprocessors) out.push(`| ${s.kind} | ${s.name} | ${s.purpose} | ${s.location} | ${s.safeguard} |`);
  return `${out.join('\n')}\n`;
}

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

export function registerHtml(register: ProcessingRegister): string {
  const sections = register.activities
    .map(
      (a, i) =>
        `<section id="${escapeHtml(a.purpose)}"><h2>${i + 1}. ${escapeHtml(a.purpose)}</h2><p>${escapeHtml(a.activity)}</p>${TITLES.map(
          ([key, title]) => `<h3>${title}</h3><ul>${((a[key] as string[]).length ? (a[key] as string[]) : ['None']).map((v) => `<li>${escapeHtml(v)}</li>`).join('')}</ul>`,
        ).join('')}</section>`,
    )
    .join('\n');
  const rows = register.subprocessors.map((s) => `<tr><td>${s.kind}</td><td>${escapeHtml(s.name)}</td><td>${escapeHtml(s.purpose)}</td><td>${escapeHtml(s.location)}</td><td>${s.safeguard}</td></tr>`).join('');
  return `<!doctype html>\n<html lang="en"><head><meta charset="utf-8"><title>Record of processing activities</title></head><body><main><h1>Record of processing activities (GDPR Art. 30)</h1><p>Controller: ${escapeHtml(register.controller.name)}, ${escapeHtml(register.controller.address)}. DPO: ${escapeHtml(register.controller.dpoContact)}.</p><nav><ol>${register.activities.map((a) => `<li><a href="#${escapeHtml(a.purpose)}">${escapeHtml(a.purpose)}</a></li>`).join('')}</ol></nav>\n${sections}\n<section><h2>Subprocessors</h2><table><thead><tr><th>Kind</th><th>Name</th><th>Purpose</th><th>Location</th><th>Safeguard</th></tr></thead><tbody>${rows}</tbody></table></section></main></body></html>\n`;
}
