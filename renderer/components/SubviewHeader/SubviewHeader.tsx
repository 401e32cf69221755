import type { ReactNode } from 'react';
import { useFocusReturn } from '../../hooks/useFocusReturn';
import { Icon } from '../Icon/Icon';

export interface SubviewHeaderProps {
  /** The id the view's section is labelled by. */
  titleId: string;
  title: string;
  onBack: () => void;
  /** Actions at the right end, such as the audit log's Verify integrity. */
  children?: ReactNode;
}

/**
 * The head of a view that replaces the key list (the audit log, Scan a folder…): the way back, then
 * the title. Going back removes "Back to keys" with the view, so the focus returns to the top-bar
 * button that opened the view, as it does from a dialog.
 */
export function SubviewHeader({ titleId, title, onBack, children }: SubviewHeaderProps) {
  useFocusReturn();
  return (
    <header className="audit__header">
      <button type="button" className="button button--ghost button--small" onClick={onBack}>
        <Icon name="arrowLeft" />
        Back to keys
      </button>
      <h1 id={titleId} className="audit__title">
        {title}
      </h1>
      {children}
    </header>
  );
}
