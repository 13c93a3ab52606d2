import { useId, type InputHTMLAttributes } from 'react';

/** A labelled input: the label names it for every assistive technology. */
export function Field({ label, multiline, ...input }: { label: string; multiline?: boolean } & InputHTMLAttributes<HTMLInputElement & HTMLTextAreaElement>) {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {multiline ? <textarea id={id} rows={4} {...input} /> : <input id={id} {...input} />}
    </div>
  );
}
