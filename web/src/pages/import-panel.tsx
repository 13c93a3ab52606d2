import { useState, type FormEvent } from 'react';
import { useApolloClient, useMutation, useQuery } from '@apollo/client';
import { ErrorMessage, type ShownError } from '../components/error-message';
import { IMPORT_JOB, START_IMPORT, type ImportJob } from '../graphql/datasets';
import { useI18n } from '../i18n/i18n';
import { session } from '../session/session';

type Format = 'CSV' | 'NDJSON' | 'JSON';

/**
 * Sends the file as the raw body to the job's uploadPath on the gateway (XMLHttpRequest: fetch reports
 * no upload progress). Resolves with the error the gateway answered, if any.
 */
function uploadFile(path: string, file: File, onProgress: (fraction: number) => void): Promise<ShownError | undefined> {
  return new Promise((resolve) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', path);
    const token = session.get()?.accessToken;
    if (token) xhr.setRequestHeader('authorization', `Bearer ${token}`);
    xhr.setRequestHeader('content-type', 'application/octet-stream');
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) onProgress(e.loaded / e.total);
    };
    xhr.onload = () => {
      if (xhr.status === 200) return resolve(undefined);
      try {
        const body = JSON.parse(xhr.responseText) as { errors?: Array<{ message: string; extensions?: { code?: string } }> };
        const first = body.errors?.[0];
        resolve(first ? { code: first.extensions?.code ?? 'INTERNAL_SERVER_ERROR', message: first.message } : undefined);
      } catch {
        resolve({ code: 'INTERNAL_SERVER_ERROR', message: `HTTP ${xhr.status}` });
      }
    };
    xhr.onerror = () => resolve({ code: 'NETWORK', message: 'upload failed' });
    xhr.send(file);
  });
}

export function ImportPanel({ datasetId, onDone }: { datasetId: string; onDone: () => void }) {
  const { t } = useI18n();
  const client = useApolloClient();
  const [file, setFile] = useState<File | undefined>();
  const [format, setFormat] = useState<Format>('CSV');
  const [sent, setSent] = useState<number | undefined>();
  const [jobId, setJobId] = useState<string | undefined>();
  const [uploadError, setUploadError] = useState<ShownError | undefined>();
  const [start, started] = useMutation(START_IMPORT);
  const job = useQuery(IMPORT_JOB, { variables: { id: jobId ?? '' }, skip: !jobId, pollInterval: sent !== undefined && sent < 2 ? 500 : 0 });

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!file) return;
    setUploadError(undefined);
    const result = await start({ variables: { input: { datasetId, format } } }).catch(() => undefined);
    if (!result?.data) return;
    const created = result.data.startImport;
    setJobId(created.id);
    setSent(0);
    const error = await uploadFile(created.uploadPath, file, setSent);
    // 2 marks "answered": polling stops, the job's final state is read once.
    setSent(2);
    if (error && error.code !== 'IMPORT_FAILED') setUploadError(error);
    await client.query({ query: IMPORT_JOB, variables: { id: created.id }, fetchPolicy: 'network-only' }).catch(() => undefined);
    onDone();
  };

  const current: ImportJob | undefined = job.data?.importJob;
  const uploading = sent !== undefined && sent <= 1;
  return (
    <section aria-labelledby="import" className="card">
      <h2 id="import">{t('import.title')}</h2>
      <form onSubmit={(e) => void submit(e)}>
        <div className="field">
          <label htmlFor="import-file">{t('import.file')}</label>
          <input
            id="import-file"
            type="file"
            accept=".csv,.ndjson,.jsonl,.json,text/csv,application/json"
            required
            onChange={(e) => {
              const chosen = e.target.files?.[0];
              setFile(chosen);
              if (chosen) setFormat(/\.(nd)?jsonl?$/i.test(chosen.name) ? (/\.json$/i.test(chosen.name) ? 'JSON' : 'NDJSON') : 'CSV');
            }}
          />
        </div>
        <div className="field">
          <label htmlFor="import-format">{t('import.format')}</label>
          <select id="import-format" value={format} onChange={(e) => setFormat(e.target.value as Format)}>
            <option value="CSV">CSV</option>
            <option value="NDJSON">NDJSON</option>
            <option value="JSON">JSON</option>
          </select>
        </div>
        <ErrorMessage error={started.error} />
        <button type="submit" disabled={!file || started.loading || uploading}>
          {t('import.submit')}
        </button>
      </form>
      {sent !== undefined ? (
        <div className="progress" data-testid="import-progress">
          <label htmlFor="import-progress-bar">{t('import.progress')}</label>
          <progress id="import-progress-bar" max={1} value={current?.status === 'COMPLETED' || current?.status === 'FAILED' ? 1 : Math.min(sent, 1)} />
          <p role="status" aria-live="polite" data-status={current?.status ?? 'PENDING'}>
            {uploading && (!current || current.status === 'PENDING')
              ? t('import.uploading', { percent: Math.round(Math.min(sent, 1) * 100) })
              : current
                ? t(`import.status.${current.status}`, { read: current.rowsRead, stored: current.rowsStored, rejected: current.rowsRejected })
                : null}
          </p>
        </div>
      ) : null}
      <ErrorMessage error={uploadError} />
      {current && current.errors.length > 0 ? (
        <table>
          <caption>{t('import.errors')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('import.line')}</th>
              <th scope="col">{t('import.field')}</th>
              <th scope="col">{t('import.reason')}</th>
            </tr>
          </thead>
          <tbody>
            {current.errors.map((e, i) => (
              <tr key={i}>
                <td>{e.line ?? '—'}</td>
                <td>{e.field ?? '—'}</td>
                <td lang="en">{e.reason}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </section>
  );
}
