import { useEffect, type ReactNode } from 'react';
import { useI18n } from '../i18n/i18n';

/** One page: its title in the tab and as the only h1. */
export function Page({ title, children }: { title: string; children: ReactNode }) {
  const { t } = useI18n();
  useEffect(() => {
    document.title = `${title} · ${t('app.name')}`;
  }, [title, t]);
  return (
    <>
      <h1>{title}</h1>
      {children}
    </>
  );
}

export function Loading() {
  const { t } = useI18n();
  return (
    <p role="status" aria-live="polite">
      {t('common.loading')}
    </p>
  );
}
