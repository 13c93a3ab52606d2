import { useState, type FormEvent } from 'react';
import { useLazyQuery } from '@apollo/client';
import { Link, useParams } from 'react-router';
import { ErrorMessage } from '../components/error-message';
import { Field } from '../components/field';
import { Page } from '../components/page';
import { ANONYMIZATION_PREVIEW } from '../graphql/datasets';
import { useI18n } from '../i18n/i18n';

/** A dry run of the anonymizer (ADMIN): the replaced text and what kinds of data were found, never their values. */
export function PreviewPage() {
  const { workspaceId = '' } = useParams();
  const { t } = useI18n();
  const [text, setText] = useState('');
  const [run, { data, error, loading }] = useLazyQuery(ANONYMIZATION_PREVIEW, { fetchPolicy: 'network-only' });
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    await run({ variables: { workspaceId, text } });
  };
  const preview = data?.anonymizationPreview;
  return (
    <Page title={t('preview.title')}>
      <p>
        <Link to={`/workspaces/${workspaceId}`}>{t('common.back')}</Link>
      </p>
      <form onSubmit={(e) => void submit(e)} className="card">
        <Field label={t('preview.text')} multiline required maxLength={20000} value={text} onChange={(e) => setText(e.target.value)} />
        <button type="submit" disabled={loading}>
          {t('preview.submit')}
        </button>
      </form>
      <ErrorMessage error={error} />
      {preview ? (
        <section aria-labelledby="preview-result">
          <h2 id="preview-result">{t('preview.result')}</h2>
          <p className="anonymized" lang={preview.language} data-testid="preview-text">
            {preview.text}
          </p>
          <table>
            <caption>{t('preview.changes')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('preview.type')}</th>
                <th scope="col">{t('preview.operator')}</th>
              </tr>
            </thead>
            <tbody>
              {preview.changes.map((c) => (
                <tr key={`${c.start}-${c.end}`}>
                  <td>{c.type}</td>
                  <td>{c.operator}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      ) : null}
    </Page>
  );
}
