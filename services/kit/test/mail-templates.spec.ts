import { describe, expect, test } from '@jest/globals';
import { escapeHtml, MailTemplateError, mailLocales, mailTemplates, renderMail, retryDelayMs, type MailTemplateId } from '../src/index.js';

const hostile = `<script>alert("x")</script> & 'co'`;

/** Variables for every template, each value distinct so the test can find it in the output. */
const samples: { [T in MailTemplateId]: Record<string, string | number> } = {
  'email-verification': { firstName: 'Camille', verificationUrl: 'https://app.example/verify?t=abc' },
  'password-reset': { firstName: 'Camille', resetUrl: 'https://app.example/reset?t=def', expiresInMinutes: 30 },
  'policy-changed': { policyVersion: '2026-12', effectiveDate: '2027-01-01', policyUrl: 'https://app.example/policy' },
  'restriction-lifting': { firstName: 'Camille' },
  'rights-request-extended': { requestId: 'req-42', previousDeadline: '2026-12-31', newDeadline: '2027-02-28', reason: 'complex request' },
  'rights-request-refused': {
    requestId: 'req-42',
    justification: 'the fourth identical request this month',
    authorityName: 'CNIL',
    authorityAddress: '3 place de Fontenoy, 75334 Paris',
    authorityPhone: '+33 1 53 73 22 22',
    authorityWebsite: 'https://www.cnil.fr/fr/plaintes',
  },
  'rights-request-fee': { requestId: 'req-42', amount: '25.00 EUR', reason: 'repetitive requests' },
  'workspace-invitation': { inviterFirstName: 'Dominique', workspaceName: 'Acme research', invitationUrl: 'https://app.example/invitation#token=ghi', expiresInDays: 7 },
  'assistance-reply': { firstName: 'Camille', assistanceUrl: 'https://app.example/assistance' },
  'break-glass-access': { grantId: 'grant-7', workspaceId: 'ws-9', staffUserId: 'staff-3', reason: 'a customer reported their data shown to another client', endsAt: '2026-12-03T12:00:00.000Z' },
  'respondent-code': { code: '493817', workspaceName: 'Acme research', expiresInMinutes: 10 },
  'rights-request-received': { requestId: 'req-43', kind: 'ERASURE', workspaceName: 'Acme shop', requestsUrl: 'https://app.example/workspaces/w1/rights' },
};

const cases = (Object.keys(mailTemplates) as MailTemplateId[]).flatMap((templateId) => mailLocales.map((locale) => [templateId, locale] as const));

describe('mail templates', () => {
  test('every template lists exactly the variables the samples give it', () => {
    for (const [templateId, template] of Object.entries(mailTemplates)) {
      expect([...template.variables].sort()).toEqual(Object.keys(samples[templateId as MailTemplateId]).sort());
    }
  });

  test.each(cases)('%s in %s has a subject, a text and an HTML part carrying every variable', (templateId, locale) => {
    const mail = renderMail(templateId, locale, samples[templateId]);
    expect(mail.subject).not.toMatch(/\n/);
    expect(mail.html).toContain(`<html lang="${locale}">`);
    for (const value of Object.values(samples[templateId])) {
      expect(mail.text).toContain(String(value));
      expect(mail.html).toContain(escapeHtml(String(value)));
    }
  });

  test.each(Object.keys(mailTemplates) as MailTemplateId[])('%s is written differently in French and English', (templateId) => {
    const fr = renderMail(templateId, 'fr', samples[templateId]);
    const en = renderMail(templateId, 'en', samples[templateId]);
    expect(fr.subject).not.toBe(en.subject);
    expect(fr.text).not.toBe(en.text);
    expect(fr.text).toMatch(/Bonjour/);
    expect(en.text).toMatch(/Hello/);
  });

  test('values are escaped in the HTML part and left as written in the text part', () => {
    const mail = renderMail('email-verification', 'en', { firstName: hostile, verificationUrl: 'https://app.example/v?a=1&b="2"' });
    expect(mail.html).not.toContain('<script>');
    expect(mail.html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;co&#39;');
    expect(mail.html).toContain('href="https://app.example/v?a=1&amp;b=&quot;2&quot;"');
    expect(mail.text).toContain(hostile);
  });

  test('a line break in a value cannot start a new header line in the subject', () => {
    const mail = renderMail('policy-changed', 'en', { ...samples['policy-changed'], policyVersion: '3\r\nBcc: someone@example.com' });
    expect(mail.subject).toBe('Our privacy policy is changing (version 3 Bcc: someone@example.com)');
  });

  test('a missing or empty variable is an error naming the variables, not their values', () => {
    const render = () => renderMail('password-reset', 'fr', { firstName: 'Camille', resetUrl: '  ' });
    expect(render).toThrow(MailTemplateError);
    expect(render).toThrow('Mail template "password-reset" needs "resetUrl", "expiresInMinutes" (a non-empty string or a number).');
    try {
      render();
    } catch (err) {
      expect(err).toMatchObject({ code: 'MAIL_TEMPLATE_INVALID', details: { templateId: 'password-reset', missing: ['resetUrl', 'expiresInMinutes'] } });
      expect((err as Error).message).not.toContain('Camille');
    }
  });

  test('an unknown template or locale is an error listing what exists', () => {
    expect(() => renderMail('welcome', 'en', {})).toThrow('Unknown mail template "welcome". Use one of: email-verification, password-reset, policy-changed, rights-request-extended, rights-request-refused, rights-request-fee, workspace-invitation, break-glass-access, restriction-lifting, assistance-reply, respondent-code, rights-request-received.');
    expect(() => renderMail('email-verification', 'de', samples['email-verification'])).toThrow('Mail locale "de" is not served. Use one of: fr, en.');
  });
});

describe('retry delays', () => {
  test('double after each failed attempt, up to the maximum', () => {
    const ceilings = [1, 2, 3, 4, 5, 6, 7, 8].map((attempts) => retryDelayMs(attempts, 1000, 30_000, () => 1));
    expect(ceilings).toEqual([1000, 2000, 4000, 8000, 16_000, 30_000, 30_000, 30_000]);
  });

  test('are jittered between half and all of the exponential delay', () => {
    expect(retryDelayMs(3, 1000, 30_000, () => 0)).toBe(2000);
    expect(retryDelayMs(3, 1000, 30_000, () => 0.5)).toBe(3000);
    const delays = Array.from({ length: 200 }, () => retryDelayMs(4, 1000, 30_000));
    expect(Math.min(...delays)).toBeGreaterThanOrEqual(4000);
    expect(Math.max(...delays)).toBeLessThanOrEqual(8000);
    expect(new Set(delays).size).toBeGreaterThan(1);
  });
});
