import type { WebContents } from 'electron';
import { eventPayload, VAULT_EVENTS } from '../core/api/operations';
import type { Vault } from '../core/vault';
import { eventChannel } from './ipc-channels';

/**
 * Tells the window about the vault's events. Only the event's name crosses, and importProgress's
 * two counts (eventPayload): the lock reason and anything else stay in main. webContents.send reaches the main frame
 * only, the one the preload's listeners live in.
 */
export function forwardVaultEvents(vault: Pick<Vault, 'on' | 'off'>, target: () => WebContents | null): () => void {
  const stops = VAULT_EVENTS.map((name) => {
    const listener = (payload?: unknown) => {
      const contents = target();
      if (contents === null || contents.isDestroyed()) return;
      if (name === 'importProgress') contents.send(eventChannel(name), eventPayload(name, payload));
      else contents.send(eventChannel(name));
    };
    vault.on(name, listener);
    return () => vault.off(name, listener);
  });
  return () => stops.forEach((stop) => stop());
}
