import { useCallback } from 'react';
import { call } from '../../api/client';
import { messageFor } from '../../api/errors';
import type { KeySummary } from '../../api/types';
import type { ToastApi } from '../../components/Toast/useToast';

export interface KeyActions {
  copy: (key: KeySummary) => void;
}

/**
 * Copy goes through main: the value travels keychain → clipboard without touching the renderer,
 * which only learns when the clipboard will be cleared.
 */
export function useKeyActions(toast: ToastApi, afterUse: () => void): KeyActions {
  const { showCopied, showMessage } = toast;
  const copy = useCallback(
    (key: KeySummary) => {
      void call('copyKey', { key: { id: key.id } }).then((result) => {
        if (result.ok) {
          showCopied(key.name, result.value);
          afterUse();
        } else {
          showMessage(messageFor(result.error), 'error');
        }
      });
    },
    [showCopied, showMessage, afterUse],
  );
  return { copy };
}
