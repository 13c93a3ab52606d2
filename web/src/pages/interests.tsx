import { useState, type FormEvent } from 'react';
import { useMutation, useQuery } from '@apollo/client';
import { ErrorMessage } from '../components/error-message';
import { Field } from '../components/field';
import { Loading, Page } from '../components/page';
import { ADD_INTEREST, MY_INTERESTS, REMOVE_INTEREST, SHARE_INTEREST, UNSHARE_INTEREST, type Interest } from '../graphql/interests';
import { useI18n } from '../i18n/i18n';

/** The themes the user follows, each shared with the workspaces they tick. */
export function InterestsPage() {
  const { t } = useI18n();
  const { data, error, refetch } = useQuery(MY_INTERESTS);
  if (!data) return error ? <ErrorMessage error={error} /> : <Loading />;
  const workspaces = data.me.memberships.map((m) => m.workspace);
  return (
    <Page title={t('interests.title')}>
      <p>{t('interests.intro')}</p>
      <NewInterest onAdded={() => void refetch()} />
      <section aria-labelledby="my-interests">
        <h2 id="my-interests">{t('interests.mine')}</h2>
        {data.me.interests.length === 0 ? <p>{t('common.none')}</p> : null}
        <ul className="cards">
          {data.me.interests.map((interest) => (
            <InterestCard key={interest.id} interest={interest} workspaces={workspaces} onRemoved={() => void refetch()} />
          ))}
        </ul>
      </section>
    </Page>
  );
}

function NewInterest({ onAdded }: { onAdded: () => void }) {
  const { t } = useI18n();
  const [theme, setTheme] = useState('');
  const [note, setNote] = useState('');
  const [add, { loading, error }] = useMutation(ADD_INTEREST);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const result = await add({ variables: { input: { theme, note: note || null } } }).catch(() => undefined);
    if (!result?.data) return;
    setTheme('');
    setNote('');
    onAdded();
  };
  return (
    <form onSubmit={(e) => void submit(e)} className="card" aria-labelledby="new-interest">
      <h2 id="new-interest">{t('interests.new')}</h2>
      <Field label={t('interests.theme')} required maxLength={60} value={theme} onChange={(e) => setTheme(e.target.value)} />
      <Field label={t('interests.note')} maxLength={500} value={note} onChange={(e) => setNote(e.target.value)} />
      <ErrorMessage error={error} />
      <button type="submit" disabled={loading}>
        {t('common.add')}
      </button>
    </form>
  );
}

function InterestCard({ interest, workspaces, onRemoved }: { interest: Interest; workspaces: Array<{ id: string; name: string }>; onRemoved: () => void }) {
  const { t } = useI18n();
  const [share, sharing] = useMutation(SHARE_INTEREST);
  const [unshare, unsharing] = useMutation(UNSHARE_INTEREST);
  const [remove, removing] = useMutation(REMOVE_INTEREST);
  const toggle = (workspaceId: string, shared: boolean) =>
    void (shared ? share : unshare)({ variables: { input: { interestId: interest.id, workspaceId } } }).catch(() => undefined);
  return (
    <li className="card" data-testid="interest">
      <h3>{interest.theme}</h3>
      {interest.note ? <p>{interest.note}</p> : null}
      <fieldset>
        <legend>{t('interests.shareWith', { theme: interest.theme })}</legend>
        {workspaces.map((w) => (
          <label key={w.id}>
            <input type="checkbox" checked={interest.sharedWith.includes(w.id)} disabled={sharing.loading || unsharing.loading} onChange={(e) => toggle(w.id, e.target.checked)} /> {w.name}
          </label>
        ))}
      </fieldset>
      <button type="button" disabled={removing.loading} onClick={() => void remove({ variables: { id: interest.id } }).then(onRemoved, () => undefined)}>
        {t('interests.remove')} <span className="visually-hidden">{interest.theme}</span>
      </button>
      <ErrorMessage error={sharing.error ?? unsharing.error ?? removing.error} />
    </li>
  );
}
