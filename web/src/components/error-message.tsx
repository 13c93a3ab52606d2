import type { ApolloError } from '@apollo/client';
import { useI18n } from '../i18n/i18n';
import type { MessageKey } from '../i18n/messages';

const knownCodes = ['UNAUTHENTICATED', 'FORBIDDEN', 'NOT_FOUND', 'CONFLICT', 'BAD_USER_INPUT', 'PAYLOAD_TOO_LARGE', 'INTERNAL_SERVER_ERROR', 'CODE_INVALID', 'CODE_EXPIRED', 'TOO_MANY_ATTEMPTS', 'RATE_LIMITED'] as const;

/** An error as the app shows it: the graph's message and its stable code, the code's meaning translated. */
export interface ShownError {
  code: string;
  message: string;
}

export function fromApollo(error: ApolloError): ShownError {
  const first = error.graphQLErrors[0];
  if (first) return { code: String(first.extensions?.['code'] ?? 'INTERNAL_SERVER_ERROR'), message: first.message };
  return { code: 'NETWORK', message: error.message };
}

/** Announced to screen readers as soon as it appears (role="alert"). */
export function ErrorMessage({ error }: { error: ApolloError | ShownError | undefined }) {
  const { t, language } = useI18n();
  if (!error) return null;
  const shown = 'graphQLErrors' in error ? fromApollo(error) : error;
  const summaryKey = (knownCodes as readonly string[]).includes(shown.code) || shown.code === 'NETWORK' ? (`error.${shown.code}` as MessageKey) : 'error.title';
  return (
    <div role="alert" className="error" data-code={shown.code}>
      <p>
        <strong>{t(summaryKey)}</strong>
      </p>
      {/* The graph speaks English: marked as such, so a French screen reader reads it right. */}
      <p>
        {t('error.graphMessage')} <span lang={language === 'en' ? undefined : 'en'}>{shown.message}</span>
      </p>
    </div>
  );
}
