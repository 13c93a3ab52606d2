import { useState, type FormEvent } from 'react';
import { useMutation } from '@apollo/client';
import { Link, useNavigate } from 'react-router';
import { ErrorMessage } from '../components/error-message';
import { Field } from '../components/field';
import { Page } from '../components/page';
import { REGISTER } from '../graphql/identity';
import { useI18n } from '../i18n/i18n';
import { session, type SessionProblem } from '../session/session';

export function SignInPage() {
  const { t } = useI18n();
  const navigate = useNavigate();
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<SessionProblem>();
  const [form, setForm] = useState({ email: '', password: '' });
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setLoading(true);
    const problem = await session.signIn(form);
    setLoading(false);
    setError(problem);
    if (!problem) void navigate('/workspaces');
  };
  return (
    <Page title={t('signIn.title')}>
      <form onSubmit={(e) => void submit(e)} className="card narrow">
        <Field label={t('signIn.email')} type="email" autoComplete="email" required value={form.email} onChange={(e) => setForm({ ...form, email: e.target.value })} />
        <Field label={t('signIn.password')} type="password" autoComplete="current-password" required value={form.password} onChange={(e) => setForm({ ...form, password: e.target.value })} />
        <ErrorMessage error={error} />
        <button type="submit" disabled={loading}>
          {t('signIn.submit')}
        </button>
        <p>
          {t('signIn.noAccount')} <Link to="/register">{t('nav.register')}</Link>
        </p>
      </form>
    </Page>
  );
}

export function RegisterPage() {
  const { t } = useI18n();
  const navigate = useNavigate();
  const [register, { loading, error }] = useMutation(REGISTER);
  const [signInProblem, setSignInProblem] = useState<SessionProblem>();
  const [form, setForm] = useState({ firstName: '', email: '', password: '' });
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const { data } = await register({ variables: { input: form } }).catch(() => ({ data: undefined }));
    if (!data) return;
    // The account exists; the cookie session (refreshable, unlike register's lone access token) starts here.
    const problem = await session.signIn({ email: form.email, password: form.password });
    setSignInProblem(problem);
    if (!problem) void navigate('/workspaces');
  };
  return (
    <Page title={t('register.title')}>
      <form onSubmit={(e) => void submit(e)} className="card narrow">
        <p>{t('register.dataNote')}</p>
        <Field label={t('register.firstName')} autoComplete="given-name" required value={form.firstName} onChange={(e) => setForm({ ...form, firstName: e.target.value })} />
        <Field label={t('register.email')} type="email" autoComplete="email" required value={form.email} onChange={(e) => setForm({ ...form, email: e.target.value })} />
        <Field
          label={t('register.password')}
          type="password"
          autoComplete="new-password"
          required
          minLength={12}
          value={form.password}
          onChange={(e) => setForm({ ...form, password: e.target.value })}
        />
        <ErrorMessage error={error ?? signInProblem} />
        <button type="submit" disabled={loading}>
          {t('register.submit')}
        </button>
        <p>
          {t('register.haveAccount')} <Link to="/sign-in">{t('nav.signIn')}</Link>
        </p>
      </form>
    </Page>
  );
}
