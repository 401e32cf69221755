import { useId } from 'react';

/**
 * The browser host's stand-in for a native file dialog: a path typed by hand. The app never shows
 * it (its host answers typedPaths: false and opens its own dialog).
 */
export function TypedPath({ label, value, onChange, placeholder }: { label: string; value: string; onChange: (v: string) => void; placeholder: string }) {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id} className="field__label">
        {label}
      </label>
      <input id={id} className="input input--mono" value={value} placeholder={placeholder} spellCheck={false} autoComplete="off" onChange={(e) => onChange(e.target.value)} />
      <p className="field__hint">This test host has no file dialogs: type a full path.</p>
    </div>
  );
}
