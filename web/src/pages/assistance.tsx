import { useState, type FormEvent } from 'react';
import { useMutation, useQuery } from '@apollo/client';
import { ErrorMessage } from '../components/error-message';
import { Field } from '../components/field';
import { Loading, Page } from '../components/page';
import { CLOSE_THREAD, MY_ASSISTANCE, OPEN_THREAD, POST_MESSAGE, type AssistanceThread } from '../graphql/assistance';
import { useI18n } from '../i18n/i18n';

/** The user's Assistance threads with our support staff: ask, follow the answers, write back, close. */
export function AssistancePage() {
  const { t } = useI18n();
  const { data, error, refetch } = useQuery(MY_ASSISTANCE);
  if (!data) return error ? <ErrorMessage error={error} /> : <Loading />;
  const workspaces = data.me.memberships.map((m) => m.workspace);
  return (
    <Page title={t('assistance.title')}>
      <p>{t('assistance.intro')}</p>
      <NewThread workspaces={workspaces} onOpened={() => void refetch()} />
      <section aria-labelledby="my-threads">
        <h2 id="my-threads">{t('assistance.threads')}</h2>
        {data.me.assistanceThreads.length === 0 ? <p>{t('common.none')}</p> : null}
        {data.me.assistanceThreads.map((thread) => (
          <Thread key={thread.id} thread={thread} workspaceName={workspaces.find((w) => w.id === thread.workspaceId)?.name} />
        ))}
      </section>
    </Page>
  );
}

function NewThread({ workspaces, onOpened }: { workspaces: Array<{ id: string; name: string }>; onOpened: () => void }) {
  const { t } = useI18n();
  const [subject, setSubject] = useState('');
  const [body, setBody] = useState('');
  const [workspaceId, setWorkspaceId] = useState('');
  const [open, { loading, error }] = useMutation(OPEN_THREAD);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const result = await open({ variables: { input: { subject, body, workspaceId: workspaceId || null } } }).catch(() => undefined);
    if (!result?.data) return;
    setSubject('');
    setBody('');
    onOpened();
  };
  return (
    <form onSubmit={(e) => void submit(e)} className="card" aria-labelledby="new-thread">
      <h2 id="new-thread">{t('assistance.new')}</h2>
      <Field label={t('assistance.subject')} required maxLength={200} value={subject} onChange={(e) => setSubject(e.target.value)} />
      <Field label={t('assistance.message')} multiline required maxLength={5000} value={body} onChange={(e) => setBody(e.target.value)} />
      <div className="field">
        <label htmlFor="thread-workspace">{t('assistance.about')}</label>
        <select id="thread-workspace" value={workspaceId} onChange={(e) => setWorkspaceId(e.target.value)}>
          <option value="">{t('assistance.noWorkspace')}</option>
          {workspaces.map((w) => (
            <option key={w.id} value={w.id}>
              {w.name}
            </option>
          ))}
        </select>
      </div>
      <ErrorMessage error={error} />
      <button type="submit" disabled={loading}>
        {t('assistance.send')}
      </button>
    </form>
  );
}

function Thread({ thread, workspaceName }: { thread: AssistanceThread; workspaceName: string | undefined }) {
  const { t, formatDate } = useI18n();
  const [body, setBody] = useState('');
  const [post, posting] = useMutation(POST_MESSAGE);
  const [close, closing] = useMutation(CLOSE_THREAD);
  const headingId = `thread-${thread.id}`;
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const result = await post({ variables: { input: { threadId: thread.id, body } } }).catch(() => undefined);
    if (result?.data) setBody('');
  };
  return (
    <article className="card" aria-labelledby={headingId} data-testid="assistance-thread">
      <h3 id={headingId}>{thread.subject}</h3>
      <p>
        <span className="badge" data-testid="thread-status">
          {t(`assistance.status.${thread.status}`)}
        </span>{' '}
        {formatDate(thread.createdAt)}
        {workspaceName ? ` · ${workspaceName}` : null}
      </p>
      <ol className="messages">
        {thread.messages.map((m) => (
          <li key={m.id}>
            <strong>{t(`assistance.from.${m.from}`)}</strong> ({formatDate(m.at)}): <span>{m.body}</span>
          </li>
        ))}
      </ol>
      {thread.status !== 'CLOSED' ? (
        <>
          <form onSubmit={(e) => void submit(e)} aria-label={t('assistance.reply', { subject: thread.subject })}>
            <Field label={t('assistance.yourMessage')} multiline required maxLength={5000} value={body} onChange={(e) => setBody(e.target.value)} />
            <div className="actions">
              <button type="submit" disabled={posting.loading}>
                {t('assistance.send')}
              </button>
              <button type="button" disabled={closing.loading} onClick={() => void close({ variables: { id: thread.id } }).catch(() => undefined)}>
                {t('assistance.close')}
              </button>
            </div>
          </form>
          <ErrorMessage error={posting.error ?? closing.error} />
        </>
      ) : null}
    </article>
  );
}
