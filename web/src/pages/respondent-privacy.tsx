import { useState, type FormEvent } from 'react';
import { useMutation, useQuery } from '@apollo/client';
import { useParams } from 'react-router';
import { ErrorMessage } from '../components/error-message';
import { Field } from '../components/field';
import { Loading, Page } from '../components/page';
import { REQUEST_RESPONDENT_CODE, RESPONDENT_PORTAL, VERIFY_RESPONDENT_CODE, type RespondentPortal } from '../graphql/respondent';
import { useI18n } from '../i18n/i18n';
import { RespondentDashboard } from './respondent-requests';

/** Where the customer is: giving their email, typing the mailed code, or acting with their session. */
type Step = { name: 'email' } | { name: 'code'; email: string } | { name: 'session'; email: string; token: string };

/**
 * A workspace's public privacy page, for its customers: no account, only proof of their email with a
 * one-time code; then their requests, a new request, each followed holder by holder, and their consents.
 */
export function RespondentPrivacyPage() {
  const { workspaceId = '' } = useParams();
  const { t } = useI18n();
  const { data, error } = useQuery(RESPONDENT_PORTAL, { variables: { workspaceId } });
  const [step, setStep] = useState<Step>({ name: 'email' });
  if (!data) return error ? <ErrorMessage error={error} /> : <Loading />;
  const portal = data.respondentPortal;
  return (
    <Page title={t('respondent.title', { workspace: portal.workspaceName })}>
      <p>{t('respondent.intro', { workspace: portal.workspaceName })}</p>
      {step.name === 'email' ? <EmailStep portal={portal} onSent={(email) => setStep({ name: 'code', email })} /> : null}
      {step.name === 'code' ? (
        <CodeStep portal={portal} email={step.email} onVerified={(token) => setStep({ name: 'session', email: step.email, token })} onRestart={() => setStep({ name: 'email' })} />
      ) : null}
      {step.name === 'session' ? <RespondentDashboard token={step.token} email={step.email} onEnded={() => setStep({ name: 'email' })} /> : null}
      <section aria-labelledby="who-processes">
        <h2 id="who-processes">{t('respondent.processor')}</h2>
        <p>
          {t('respondent.processorText', { workspace: portal.workspaceName, processor: portal.processorName })} {portal.processorAddress}. {t('respondent.dpo')}{' '}
          <a href={`mailto:${portal.dpoContact}`}>{portal.dpoContact}</a>
          {portal.policyVersion !== null ? ` · ${t('respondent.policyVersion', { version: portal.policyVersion })}` : null}
        </p>
      </section>
    </Page>
  );
}

function EmailStep({ portal, onSent }: { portal: RespondentPortal; onSent: (email: string) => void }) {
  const { t, language } = useI18n();
  const [email, setEmail] = useState('');
  const [ask, { loading, error }] = useMutation(REQUEST_RESPONDENT_CODE);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const result = await ask({ variables: { input: { workspaceId: portal.workspaceId, email, locale: language === 'fr' ? 'FR' : 'EN' } } }).catch(() => undefined);
    if (result?.data) onSent(email);
  };
  return (
    <form onSubmit={(e) => void submit(e)} className="card" aria-labelledby="verify-email">
      <h2 id="verify-email">{t('respondent.emailStep')}</h2>
      <p>{t('respondent.emailHelp', { minutes: Math.round(portal.codeTtlSeconds / 60) })}</p>
      <Field label={t('respondent.email')} type="email" autoComplete="email" required maxLength={320} value={email} onChange={(e) => setEmail(e.target.value)} />
      <ErrorMessage error={error} />
      <button type="submit" disabled={loading}>
        {t('respondent.sendCode')}
      </button>
    </form>
  );
}

function CodeStep({ portal, email, onVerified, onRestart }: { portal: RespondentPortal; email: string; onVerified: (token: string) => void; onRestart: () => void }) {
  const { t } = useI18n();
  const [code, setCode] = useState('');
  const [verify, { loading, error }] = useMutation(VERIFY_RESPONDENT_CODE);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const result = await verify({ variables: { input: { workspaceId: portal.workspaceId, email, code } } }).catch(() => undefined);
    if (result?.data) onVerified(result.data.verifyRespondentCode.accessToken);
  };
  return (
    <form onSubmit={(e) => void submit(e)} className="card" aria-labelledby="enter-code">
      <h2 id="enter-code">{t('respondent.codeStep')}</h2>
      <p role="status">{t('respondent.codeSent', { email })}</p>
      <Field label={t('respondent.code')} inputMode="numeric" autoComplete="one-time-code" pattern="[0-9]{6}" required maxLength={6} value={code} onChange={(e) => setCode(e.target.value)} />
      <ErrorMessage error={error} />
      <div className="actions">
        <button type="submit" disabled={loading}>
          {t('respondent.verify')}
        </button>
        <button type="button" className="link" onClick={onRestart}>
          {t('respondent.newCode')}
        </button>
      </div>
    </form>
  );
}
