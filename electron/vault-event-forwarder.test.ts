import { EventEmitter } from 'node:events';
import type { WebContents } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import type { Vault } from '../core/vault';
import { forwardVaultEvents } from './vault-event-forwarder';

function fakeContents(destroyed = false) {
  const send = vi.fn();
  return { contents: { send, isDestroyed: () => destroyed } as unknown as WebContents, send };
}

const fakeVault = () => new EventEmitter() as unknown as Vault;

describe('forwardVaultEvents', () => {
  it('sends each vault event by name only, without its payload', () => {
    const vault = fakeVault();
    const { contents, send } = fakeContents();
    forwardVaultEvents(vault, () => contents);
    vault.emit('locked', 'idle');
    vault.emit('clipboardCleared');
    vault.emit('vaultChanged');
    expect(send.mock.calls).toEqual([['keystash:event:locked'], ['keystash:event:clipboardCleared'], ['keystash:event:vaultChanged']]);
  });

  it('sends an import progress event with its two counts and nothing else', () => {
    const vault = fakeVault();
    const { contents, send } = fakeContents();
    forwardVaultEvents(vault, () => contents);
    (vault as unknown as EventEmitter).emit('importProgress', { done: 3, total: 10, name: 'STRIPE_KEY' });
    expect(send.mock.calls).toEqual([['keystash:event:importProgress', { done: 3, total: 10 }]]);
  });

  it('does not forward background errors, and skips a window that is gone', () => {
    const vault = fakeVault();
    const { contents, send } = fakeContents(true);
    forwardVaultEvents(vault, () => contents);
    vault.emit('locked', 'user');
    forwardVaultEvents(vault, () => null);
    vault.emit('vaultChanged');
    expect(send).not.toHaveBeenCalled();
    const live = fakeContents();
    forwardVaultEvents(vault, () => live.contents);
    vault.emit('backgroundError', new Error('x'));
    expect(live.send).not.toHaveBeenCalled();
  });

  it('stops forwarding when stopped', () => {
    const vault = fakeVault();
    const { contents, send } = fakeContents();
    const stop = forwardVaultEvents(vault, () => contents);
    stop();
    vault.emit('locked', 'user');
    expect(send).not.toHaveBeenCalled();
    expect((vault as unknown as EventEmitter).listenerCount('locked')).toBe(0);
  });
});
