import type { ReactNode } from 'react';
import { Link, useNavigate } from 'react-router';
import { useApolloClient } from '@apollo/client';
import { useI18n } from '../i18n/i18n';
import { session, useSession } from '../session/session';

export function Layout({ children }: { children: ReactNode }) {
  const { t, language, setLanguage } = useI18n();
  const signedIn = useSession();
  const navigate = useNavigate();
  const client = useApolloClient();
  const other = language === 'en' ? 'fr' : 'en';
  const signOut = async () => {
    await session.signOut();
    await client.clearStore();
    void navigate('/sign-in');
  };
  return (
    <>
      <a className="skip" href="#main">
        {t('app.skip')}
      </a>
      <header>
        <Link to="/" className="brand">
          {t('app.name')}
        </Link>
        <nav aria-label={t('nav.main')}>
          {signedIn ? (
            <>
              <Link to="/workspaces">{t('nav.workspaces')}</Link>
              <Link to="/interests">{t('nav.interests')}</Link>
              <Link to="/assistance">{t('nav.assistance')}</Link>
              <Link to="/privacy">{t('nav.privacy')}</Link>
              <button type="button" className="link" onClick={() => void signOut()}>
                {t('nav.signOut')}
              </button>
            </>
          ) : (
            <>
              <Link to="/sign-in">{t('nav.signIn')}</Link>
              <Link to="/register">{t('nav.register')}</Link>
            </>
          )}
          <button type="button" className="link" lang={other} onClick={() => setLanguage(other)} aria-label={`${t('lang.label')}: ${t('lang.switch')}`}>
            {t('lang.switch')}
          </button>
        </nav>
      </header>
      <main id="main" tabIndex={-1}>
        {children}
      </main>
    </>
  );
}
