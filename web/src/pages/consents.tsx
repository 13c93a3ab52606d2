import { useState, type FormEvent } from 'react';
import { useMutation } from '@apollo/client';
import { ErrorMessage } from '../components/error-message';
import { Field } from '../components/field';
import { RECORD_CONSENT, WITHDRAW_CONSENT, type Consent, type ConsentPurpose } from '../graphql/rights';
import { useI18n } from '../i18n/i18n';

const purposes: ConsentPurpose[] = ['ANALYSIS', 'AI_PROCESSING', 'CONTACT'];

/** A subject's consents with their withdrawal, and (given a subject) recording a new one. */
export function ConsentList({
  consents,
  record,
  onChange,
}: {
  consents: Consent[];
  record?: { workspaceId: string; subjectType: 'RESPONDENT' | 'USER'; subjectId: string };
  onChange: () => void;
}) {
  const { t, formatDate } = useI18n();
  const [withdraw, withdrawing] = useMutation(WITHDRAW_CONSENT);
  const [save, saving] = useMutation(RECORD_CONSENT);
  const [purpose, setPurpose] = useState<ConsentPurpose>('ANALYSIS');
  const [source, setSource] = useState('');
  // The evidence a consent needs: the text the person was shown, and where the client keeps the proof.
  const [shown, setShown] = useState('');
  const [proofRef, setProofRef] = useState('');
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!record) return;
    const input = { ...record, purpose, source, method: 'WEB_FORM' as const, evidence: { text: shown, proofRef } };
    const result = await save({ variables: { input } }).catch(() => undefined);
    if (result?.data) {
      setSource('');
      setShown('');
      setProofRef('');
      onChange();
    }
  };
  return (
    <>
      {consents.length === 0 ? (
        <p>{t('common.none')}</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th scope="col">{t('consents.purpose')}</th>
              <th scope="col">{t('consents.status')}</th>
              <th scope="col">{t('consents.source')}</th>
              <th scope="col">
                <span className="visually-hidden">{t('consents.withdraw')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {consents.map((c) => (
              <tr key={c.id}>
                <td>{t(`purpose.${c.purpose}`)}</td>
                <td>
                  {t(`consent.${c.status}`)} ({formatDate(c.withdrawnAt ?? c.grantedAt)})
                </td>
                <td>{c.source}</td>
                <td>
                  {c.status === 'GRANTED' ? (
                    <button type="button" disabled={withdrawing.loading} onClick={() => void withdraw({ variables: { id: c.id } }).then(onChange, () => undefined)}>
                      {t('consents.withdraw')} <span className="visually-hidden">{t(`purpose.${c.purpose}`)}</span>
                    </button>
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <ErrorMessage error={withdrawing.error} />
      {record ? (
        <form onSubmit={(e) => void submit(e)} className="inline">
          <div className="field">
            <label htmlFor="consent-purpose">{t('consents.purpose')}</label>
            <select id="consent-purpose" value={purpose} onChange={(e) => setPurpose(e.target.value as ConsentPurpose)}>
              {purposes.map((p) => (
                <option key={p} value={p}>
                  {t(`purpose.${p}`)}
                </option>
              ))}
            </select>
          </div>
          <Field label={t('consents.source')} required maxLength={200} value={source} onChange={(e) => setSource(e.target.value)} />
          <Field label={t('consents.shown')} multiline required maxLength={20000} value={shown} onChange={(e) => setShown(e.target.value)} />
          <Field label={t('consents.proofRef')} required maxLength={500} value={proofRef} onChange={(e) => setProofRef(e.target.value)} />
          <button type="submit" disabled={saving.loading}>
            {t('consents.record')}
          </button>
          <ErrorMessage error={saving.error} />
        </form>
      ) : null}
    </>
  );
}
