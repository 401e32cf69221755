import { useSecondsLeft } from '../../hooks/useSecondsLeft';
import { Icon } from '../Icon/Icon';
import type { ToastState } from './useToast';

function CopiedText({ name, clearsAt }: { name: string; clearsAt: number | null }) {
  const secondsLeft = useSecondsLeft(clearsAt);
  if (secondsLeft === null) return <>Copied {name}</>;
  return (
    <>
      Copied {name} — {secondsLeft > 0 ? 'clears in ' : 'clearing…'}
      {/* The countdown ticks every second; a nested live region set to off keeps screen readers from reading each tick. */}
      {secondsLeft > 0 && (
        <span role="timer" aria-live="off">
          {secondsLeft} s
        </span>
      )}
    </>
  );
}

/**
 * The toast lives in a status bar whose height is always reserved, so nothing moves when it appears.
 * The live region is always mounted: screen readers only announce changes to a region they already know.
 */
export function Toast({ toast, onDismiss }: { toast: ToastState | null; onDismiss: () => void }) {
  const tone = toast?.kind === 'message' ? toast.tone : 'info';
  return (
    <div className="toast-slot" role="status" aria-live="polite">
      {toast && (
        <div key={toast.id} className={`toast toast--${tone}`}>
          <Icon name={tone === 'error' ? 'alert' : toast.kind === 'copied' ? 'copy' : 'check'} className="toast__icon" />
          <span className="toast__text">
            {toast.kind === 'copied' && <CopiedText name={toast.name} clearsAt={toast.clearsAt} />}
            {toast.kind === 'cleared' && 'Cleared'}
            {toast.kind === 'message' && toast.text}
          </span>
          <button type="button" className="icon-button icon-button--small" aria-label="Dismiss message" onClick={onDismiss}>
            <Icon name="close" size={14} />
          </button>
        </div>
      )}
    </div>
  );
}
