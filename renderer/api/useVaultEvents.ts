import { useEffect, useRef } from 'react';
import type { ImportProgress } from './types';

type Subscribe = (callback: () => void) => () => void;

/** Subscribes to one vault event for the component's lifetime, always calling the latest handler. */
function useVaultEvent(subscribe: () => Subscribe, handler: () => void): void {
  const latest = useRef(handler);
  useEffect(() => {
    latest.current = handler;
  });
  useEffect(() => subscribe()(() => latest.current()), [subscribe]);
}

const lockedEvent = () => window.keystash.onLocked.bind(window.keystash);
const clipboardClearedEvent = () => window.keystash.onClipboardCleared.bind(window.keystash);
const vaultChangedEvent = () => window.keystash.onVaultChanged.bind(window.keystash);

export const useLockedEvent = (handler: () => void) => useVaultEvent(lockedEvent, handler);
export const useClipboardClearedEvent = (handler: () => void) => useVaultEvent(clipboardClearedEvent, handler);
const importProgressEvent = () => window.keystash.onImportProgress.bind(window.keystash);
/** While a staged import runs (Import .env…, Import selected): values written so far. */
export function useImportProgressEvent(handler: (progress: ImportProgress) => void): void {
  const latest = useRef(handler);
  useEffect(() => {
    latest.current = handler;
  });
  useEffect(() => importProgressEvent()((progress) => latest.current(progress)), []);
}

/** The CLI (or another window) changed the index: whatever was listed is stale. */
export const useVaultChangedEvent = (handler: () => void) => useVaultEvent(vaultChangedEvent, handler);
