import { useCallback, useEffect, useId, useState } from 'react';
import { call } from '../../api/client';
import { messageFor } from '../../api/errors';
import { useHideOnBlur } from '../../hooks/useHideOnBlur';
import { useSecondsLeft } from '../../hooks/useSecondsLeft';
import { Icon } from '../Icon/Icon';

export interface SecretFieldProps {
  keyId: string;
  valueMissing: boolean;
  onCopy: () => void;
  onRevealed: () => void;
  onError: (message: string) => void;
}

/** About what fits on one line of the detail panel in the monospace font. */
const VALUE_CHARS_PER_LINE = 40;

interface RevealedValue {
  value: string;
  hideAt: number;
}

/**
 * The one place a value can enter the renderer. It lives only in this component's state, never in a
 * cache, and is dropped after the vault's hide delay, when the window loses focus, when another key
 * is selected (the parent remounts this per key) and on lock (the whole main view unmounts).
 */
export function SecretField({ keyId, valueMissing, onCopy, onRevealed, onError }: SecretFieldProps) {
  const [revealed, setRevealed] = useState<RevealedValue | null>(null);
  const [busy, setBusy] = useState(false);
  const valueId = useId();
  const hide = useCallback(() => setRevealed(null), []);
  useHideOnBlur(revealed !== null, hide);
  const secondsLeft = useSecondsLeft(revealed?.hideAt ?? null);

  useEffect(() => {
    if (!revealed) return;
    const timer = window.setTimeout(hide, Math.max(0, revealed.hideAt - Date.now()));
    return () => window.clearTimeout(timer);
  }, [revealed, hide]);

  const reveal = async () => {
    setBusy(true);
    const result = await call('revealKey', { key: { id: keyId } });
    setBusy(false);
    if (!result.ok) {
      onError(messageFor(result.error));
      return;
    }
    setRevealed({ value: result.value.value, hideAt: Date.now() + result.value.hideAfterSeconds * 1000 });
    onRevealed();
  };

  return (
    <div className="secret-field">
      <div className="secret-field__head">
        <div className="secret-field__label">Secret</div>
        <div className="secret-field__buttons">
          <button
            type="button"
            className="button button--secondary button--small"
            aria-controls={revealed ? valueId : undefined}
            disabled={busy}
            onClick={revealed ? hide : () => void reveal()}
          >
            <Icon name={revealed ? 'eyeOff' : 'eye'} />
            {revealed ? 'Hide' : 'Reveal'}
          </button>
          <button type="button" className="button button--secondary button--small" onClick={onCopy}>
            <Icon name="copy" />
            Copy
          </button>
        </div>
      </div>
      {revealed ? (
        <textarea
          id={valueId}
          className="secret-field__value"
          aria-label="Revealed value"
          readOnly
          rows={Math.min(5, Math.max(1, Math.ceil(revealed.value.length / VALUE_CHARS_PER_LINE)))}
          spellCheck={false}
          autoComplete="off"
          value={revealed.value}
        />
      ) : (
        <p className="secret-field__mask">
          <span aria-hidden="true">••••••••••••••••••••</span>
          <span className="visually-hidden">Hidden</span>
        </p>
      )}
      <p className="secret-field__hint">
        {revealed && secondsLeft !== null ? (
          <>
            Hides in{' '}
            <span role="timer" aria-live="off">
              {secondsLeft} s
            </span>
          </>
        ) : valueMissing ? (
          <span className="secret-field__missing">The keychain has no value for this key (removed outside Keystash). Rotate it to store a new one.</span>
        ) : (
          'Stored in the system keychain. Copying clears the clipboard after a while.'
        )}
      </p>
    </div>
  );
}
