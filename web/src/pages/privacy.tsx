import { useState } from 'react';
import { useMutation, useQuery } from '@apollo/client';
import { ErrorMessage } from '../components/error-message';
import { Loading, Page } from '../components/page';
import { PRIVACY_CENTER, REQUEST_ERASURE, REQUEST_RESTRICTION } from '../graphql/rights';
import { useI18n } from '../i18n/i18n';
import { ConsentList } from './consents';
import { PolicyText } from './policy';
import { RequestTable } from './rights';

const cnilComplaint = 'https://www.cnil.fr/fr/plaintes';

/** The signed-in person's own data: requests about themself, consents, who processes for us, how to complain. */
export function PrivacyPage() {
  const { t } = useI18n();
  const { data, error, refetch } = useQuery(PRIVACY_CENTER);
  const [erase, erasing] = useMutation(REQUEST_ERASURE);
  const [restrict, restricting] = useMutation(REQUEST_RESTRICTION);
  const [confirmErase, setConfirmErase] = useState(false);
  if (!data) return error ? <ErrorMessage error={error} /> : <Loading />;
  const request = (mutate: typeof erase | typeof restrict) => void mutate({ variables: { input: {} } }).then(() => refetch(), () => undefined);
  return (
    <Page title={t('privacy.title')}>
      <p>{t('privacy.intro')}</p>
      <section aria-labelledby="my-requests">
        <h2 id="my-requests">{t('privacy.myRequests')}</h2>
        <RequestTable requests={data.me.rightsRequests} link={(id) => `/privacy/requests/${id}`} />
        <div className="actions">
          {!data.me.restricted ? (
            <button type="button" disabled={restricting.loading} onClick={() => request(restrict)}>
              {t('privacy.restrictMe')}
            </button>
          ) : null}
          {confirmErase ? (
            <button type="button" className="danger" disabled={erasing.loading} onClick={() => request(erase)}>
              {t('privacy.eraseConfirm')}
            </button>
          ) : (
            <button type="button" onClick={() => setConfirmErase(true)}>
              {t('privacy.eraseMe')}
            </button>
          )}
        </div>
        <ErrorMessage error={erasing.error ?? restricting.error} />
      </section>
      <section aria-labelledby="my-consents">
        <h2 id="my-consents">{t('privacy.myConsents')}</h2>
        <ConsentList consents={data.me.consents} onChange={() => void refetch()} />
      </section>
      <section aria-labelledby="subprocessors">
        <h2 id="subprocessors">{t('privacy.subprocessors')}</h2>
        {data.subprocessorRegistry.length === 0 ? (
          <p>{t('common.none')}</p>
        ) : (
          <table>
            <thead>
              <tr>
                <th scope="col">{t('privacy.sp.kind')}</th>
                <th scope="col">{t('privacy.sp.name')}</th>
                <th scope="col">{t('privacy.sp.purpose')}</th>
                <th scope="col">{t('privacy.sp.location')}</th>
                <th scope="col">{t('privacy.sp.safeguard')}</th>
              </tr>
            </thead>
            <tbody>
              {data.subprocessorRegistry.map((s) => (
                <tr key={s.name}>
                  <td>{t(`privacy.sp.kind.${s.kind}`)}</td>
                  <td>{s.name}</td>
                  <td>{s.purpose}</td>
                  <td>
                    {s.location} ({s.country})
                  </td>
                  <td>{s.safeguard}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      <section aria-labelledby="policy">
        <h2 id="policy">{t('policy.current')}</h2>
        <PolicyText policy={data.privacyPolicy.current} />
      </section>
      <section aria-labelledby="complain">
        <h2 id="complain">{t('privacy.complain')}</h2>
        <p>
          {t('privacy.complainText')} <a href={cnilComplaint}>{cnilComplaint}</a>
        </p>
      </section>
    </Page>
  );
}
