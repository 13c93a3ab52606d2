import { AppError } from '../errors.js';
import { mailLocales, mailTemplates, type MailLocale, type MailTemplate, type MailTemplateId, type MailTemplateVariables } from './templates.js';

export interface RenderedMail {
  subject: string;
  text: string;
  html: string;
}

/** A template id, locale or variable set that cannot make a mail: a programming error, reported before anything is queued. */
export class MailTemplateError extends AppError {
  constructor(message: string, details: Record<string, unknown>) {
    super('MAIL_TEMPLATE_INVALID', message, details);
    this.name = 'MailTemplateError';
  }
}

const htmlEntities: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => htmlEntities[c]!);
}

function templateOf(templateId: string): MailTemplate<Record<string, unknown>> {
  if (!Object.hasOwn(mailTemplates, templateId)) {
    throw new MailTemplateError(`Unknown mail template "${templateId}". Use one of: ${Object.keys(mailTemplates).join(', ')}.`, { templateId });
  }
  return mailTemplates[templateId as MailTemplateId] as unknown as MailTemplate<Record<string, unknown>>;
}

/**
 * Checks that the template exists, the locale is served and every variable it needs is a non-empty
 * string or a finite number; returns the template. The error names variables, never their values.
 */
export function checkMailVariables(templateId: string, locale: string, variables: Record<string, unknown>): MailTemplate<Record<string, unknown>> {
  const template = templateOf(templateId);
  if (!(mailLocales as readonly string[]).includes(locale)) {
    throw new MailTemplateError(`Mail locale "${locale}" is not served. Use one of: ${mailLocales.join(', ')}.`, { templateId, locale });
  }
  const missing = template.variables.filter((name) => {
    const value = variables[name];
    return !((typeof value === 'string' && value.trim() !== '') || (typeof value === 'number' && Number.isFinite(value)));
  });
  if (missing.length) {
    throw new MailTemplateError(
      `Mail template "${templateId}" needs ${missing.map((m) => `"${m}"`).join(', ')} (a non-empty string or a number).`,
      { templateId, missing },
    );
  }
  return template;
}

/** Subject, text and HTML of a mail; values are HTML-escaped in the HTML part only. */
export function renderMail<T extends MailTemplateId>(templateId: T, locale: MailLocale, variables: MailTemplateVariables[T]): RenderedMail;
export function renderMail(templateId: string, locale: string, variables: Record<string, unknown>): RenderedMail;
export function renderMail(templateId: string, locale: string, variables: Record<string, unknown>): RenderedMail {
  const template = checkMailVariables(templateId, locale, variables);
  const content = template.content[locale as MailLocale];
  const strings = Object.fromEntries(template.variables.map((name) => [name, String(variables[name])]));
  const escaped = Object.fromEntries(Object.entries(strings).map(([name, value]) => [name, escapeHtml(value)]));
  return {
    // One line: a value with a line break must not start a new header.
    subject: content.subject(strings).replace(/\s+/g, ' ').trim(),
    text: content.text(strings),
    html: content.html(escaped),
  };
}
