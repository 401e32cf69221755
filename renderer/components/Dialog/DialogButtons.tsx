import type { Ref } from 'react';

export interface DialogButtonsProps {
  onCancel: () => void;
  submitLabel: string;
  /** Shown on the submit button while the request runs, e.g. "Saving…". */
  busyLabel?: string;
  busy?: boolean;
  disabled?: boolean;
  tone?: 'primary' | 'danger';
  submitRef?: Ref<HTMLButtonElement>;
}

/** Cancel and the dialog form's submit button, in the order and styles every dialog uses. */
export function DialogButtons({ onCancel, submitLabel, busyLabel, busy = false, disabled = false, tone = 'primary', submitRef }: DialogButtonsProps) {
  return (
    <>
      <button type="button" className="button button--ghost" onClick={onCancel}>
        Cancel
      </button>
      <button ref={submitRef} type="submit" className={`button button--${tone}`} disabled={busy || disabled}>
        {busy && busyLabel ? busyLabel : submitLabel}
      </button>
    </>
  );
}
