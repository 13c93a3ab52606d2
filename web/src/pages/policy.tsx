import { useMutation, useQuery } from '@apollo/client';
import { ErrorMessage } from '../components/error-message';
import { Loading, Page } from '../components/page';
import { ACKNOWLEDGE_POLICY, CURRENT_POLICY, type PolicyVersion } from '../graphql/rights';
import { useI18n } from '../i18n/i18n';
import { session } from '../session/session';

/** The policy in the reader's language, with its version and date. */
export function PolicyText({ policy }: { policy: PolicyVersion | null }) {
  const { t, language, formatDate } = useI18n();
  if (!policy) return <p>{t('policy.none')}</p>;
  const summary = language === 'fr' ? policy.summaryFr : policy.summaryEn;
  return (
    <>
      <p>{t('policy.currentMeta', { version: policy.version, date: formatDate(policy.publishedAt) })}</p>
      {summary ? (
        <>
          <h3>{t('policy.summary')}</h3>
          <p>{summary}</p>
        </>
      ) : null}
      <div className="policy-text" data-testid="policy-text">
        {(language === 'fr' ? policy.textFr : policy.textEn).split(/\n{2,}/).map((paragraph, i) => (
          <p key={i}>{paragraph}</p>
        ))}
      </div>
    </>
  );
}

/**
 * Shown instead of every page while the signed-in person's token says a substantial version waits for their
 * acknowledgement (the graph refuses everything else with POLICY_ACKNOWLEDGEMENT_REQUIRED until then).
 */
export function PolicyAcknowledgementPage({ version }: { version: number }) {
  const { t, formatDate } = useI18n();
  const { data, error } = useQuery(CURRENT_POLICY);
  const [acknowledge, acknowledging] = useMutation(ACKNOWLEDGE_POLICY);
  if (!data) return error ? <ErrorMessage error={error} /> : <Loading />;
  const current = data.privacyPolicy.current;
  const done = async () => {
    const result = await acknowledge({ variables: { version: current?.version ?? version } }).catch(() => undefined);
    const answer = result?.data?.acknowledgePrivacyPolicy;
    if (answer) session.replaceToken(answer.accessToken, answer.expiresAt);
  };
  return (
    <Page title={t('policy.title')}>
      {current ? <p>{t('policy.intro', { version: current.version, date: formatDate(current.publishedAt) })}</p> : null}
      <PolicyText policy={current} />
      <div className="actions">
        <button type="button" disabled={acknowledging.loading} onClick={() => void done()}>
          {t('policy.acknowledge')}
        </button>
      </div>
      <ErrorMessage error={acknowledging.error} />
    </Page>
  );
}
