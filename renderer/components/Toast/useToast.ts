import { useCallback, useEffect, useRef, useState } from 'react';
import { useClipboardClearedEvent } from '../../api/useVaultEvents';
import type { CopyReceipt } from '../../api/types';

export type ToastState =
  | { kind: 'copied'; id: number; name: string; clearsAt: number | null }
  | { kind: 'cleared'; id: number }
  | { kind: 'message'; id: number; text: string; tone: 'info' | 'error' };

export interface ToastApi {
  toast: ToastState | null;
  showCopied: (name: string, receipt: CopyReceipt) => void;
  showMessage: (text: string, tone?: 'info' | 'error') => void;
  dismiss: () => void;
}

const MESSAGE_MS = 5_000;
const ERROR_MS = 9_000;
const CLEARED_MS = 4_000;
/** If the main process never reports the clear (the user copied something else), stop counting. */
const CLEAR_GRACE_MS = 3_000;

/** One toast at a time: a newer message replaces the older, as in a status bar. */
export function useToast(): ToastApi {
  const [toast, setToast] = useState<ToastState | null>(null);
  const nextId = useRef(1);

  const showCopied = useCallback((name: string, receipt: CopyReceipt) => {
    setToast({ kind: 'copied', id: nextId.current++, name, clearsAt: receipt.clearsAt });
  }, []);
  const showMessage = useCallback((text: string, tone: 'info' | 'error' = 'info') => {
    setToast({ kind: 'message', id: nextId.current++, text, tone });
  }, []);
  const dismiss = useCallback(() => setToast(null), []);

  useClipboardClearedEvent(() => {
    setToast((current) => (current?.kind === 'copied' ? { kind: 'cleared', id: nextId.current++ } : current));
  });

  useEffect(() => {
    if (!toast) return;
    let lifetime: number;
    if (toast.kind === 'copied') {
      lifetime = toast.clearsAt === null ? MESSAGE_MS : toast.clearsAt - Date.now() + CLEAR_GRACE_MS;
    } else if (toast.kind === 'cleared') {
      lifetime = CLEARED_MS;
    } else {
      lifetime = toast.tone === 'error' ? ERROR_MS : MESSAGE_MS;
    }
    const timer = window.setTimeout(() => setToast((current) => (current?.id === toast.id ? null : current)), lifetime);
    return () => window.clearTimeout(timer);
  }, [toast]);

  return { toast, showCopied, showMessage, dismiss };
}
