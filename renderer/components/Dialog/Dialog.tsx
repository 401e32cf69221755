import { useEffect, useId, useRef, type FormEvent, type KeyboardEvent, type ReactNode, type RefObject } from 'react';
import { createPortal } from 'react-dom';
import { rememberFocus } from '../../hooks/useFocusReturn';
import { Icon } from '../Icon/Icon';

export interface DialogProps {
  title: ReactNode;
  /** One or two sentences under the title; read by screen readers as the dialog's description. */
  description?: ReactNode;
  onClose: () => void;
  children: ReactNode;
  footer?: ReactNode;
  /** When set, the dialog body is a form, so Enter submits and the footer's submit button works. */
  onSubmit?: (event: FormEvent<HTMLFormElement>) => void;
  size?: 'small' | 'medium' | 'large';
  /** Where focus goes on open; otherwise the first field or button in the body. */
  initialFocus?: RefObject<HTMLElement | null>;
  tone?: 'default' | 'danger';
}

// :enabled rather than :not([disabled]), so controls inside a disabled fieldset are skipped too.
const FOCUSABLE =
  'a[href], button:enabled, input:enabled:not([type="hidden"]), select:enabled, textarea:enabled, [tabindex]:not([tabindex="-1"])';

let openDialogs = 0;

/**
 * While a modal is open the app behind it is aria-hidden as well as inert (which showModal already
 * does). Older assistive technology ignores aria-modal, and role queries (screen readers' and
 * Playwright's alike) then see only the dialog: its "Rename" is not confused with "Rename tag …".
 */
function hideAppBehind(): () => void {
  const app = document.getElementById('root');
  openDialogs += 1;
  app?.setAttribute('aria-hidden', 'true');
  return () => {
    openDialogs -= 1;
    if (openDialogs === 0) app?.removeAttribute('aria-hidden');
  };
}

function focusableIn(root: HTMLElement): HTMLElement[] {
  return [...root.querySelectorAll<HTMLElement>(FOCUSABLE)].filter((el) => el.getClientRects().length > 0);
}

/**
 * A modal on the native <dialog> (top layer, inert background), portalled out of #root, with the
 * parts the platform leaves to us: Tab wraps inside it, Escape always closes through React state (Chromium may refuse to cancel
 * a second Escape without user activation, which would desync a native close), and focus returns to
 * the control that opened it.
 */
export function Dialog({ title, description, onClose, children, footer, onSubmit, size = 'medium', initialFocus, tone = 'default' }: DialogProps) {
  const dialogRef = useRef<HTMLDialogElement>(null);
  const bodyRef = useRef<HTMLDivElement>(null);
  const latestOnClose = useRef(onClose);
  useEffect(() => {
    latestOnClose.current = onClose;
  });
  const titleId = useId();
  const descriptionId = useId();

  useEffect(() => {
    const dialog = dialogRef.current;
    if (!dialog) return;
    const returnFocus = rememberFocus();
    const showApp = hideAppBehind();
    dialog.showModal();
    const target = initialFocus?.current ?? (bodyRef.current && focusableIn(bodyRef.current)[0]) ?? focusableIn(dialog)[0];
    target?.focus();
    return () => {
      if (dialog.open) dialog.close();
      showApp();
      returnFocus();
    };
    // Opening is a one-time effect of mounting; initialFocus is read once on purpose.
  }, []);

  const onKeyDown = (event: KeyboardEvent<HTMLDialogElement>) => {
    if (event.key === 'Escape') {
      event.preventDefault();
      event.stopPropagation();
      latestOnClose.current();
      return;
    }
    if (event.key !== 'Tab' || !dialogRef.current) return;
    const items = focusableIn(dialogRef.current);
    const first = items[0];
    const last = items[items.length - 1];
    if (!first || !last) return;
    if (event.shiftKey && document.activeElement === first) {
      event.preventDefault();
      last.focus();
    } else if (!event.shiftKey && document.activeElement === last) {
      event.preventDefault();
      first.focus();
    }
  };

  const header = (
    <header className="dialog__header">
      <div>
        <h2 id={titleId} className="dialog__title">
          {title}
        </h2>
        {description && (
          <p id={descriptionId} className="dialog__description">
            {description}
          </p>
        )}
      </div>
      <button type="button" className="icon-button" aria-label="Close" onClick={() => latestOnClose.current()}>
        <Icon name="close" />
      </button>
    </header>
  );
  const content = (
    <>
      {header}
      <div ref={bodyRef} className="dialog__body">
        {children}
      </div>
      {footer && <footer className="dialog__footer">{footer}</footer>}
    </>
  );

  // Rendered next to #root, not inside it, so hiding the app does not hide the dialog.
  return createPortal(
    <dialog
      ref={dialogRef}
      className={`dialog dialog--${size} dialog--${tone}`}
      aria-modal="true"
      aria-labelledby={titleId}
      aria-describedby={description ? descriptionId : undefined}
      onKeyDown={onKeyDown}
      onCancel={(event) => {
        event.preventDefault();
        latestOnClose.current();
      }}
    >
      {onSubmit ? (
        <form className="dialog__panel" noValidate onSubmit={onSubmit}>
          {content}
        </form>
      ) : (
        <div className="dialog__panel">{content}</div>
      )}
    </dialog>,
    document.body,
  );
}
