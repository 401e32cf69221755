import type { VaultEventName, WindowOperationName } from '../core/api/operations';

/**
 * IPC channel names, shared by main and preload. They stay inside these two files: the preload
 * exposes named functions, never a channel string, so the page cannot pick a channel.
 */
export const operationChannel = (operation: WindowOperationName): string => `keystash:${operation}`;
export const eventChannel = (event: VaultEventName): string => `keystash:event:${event}`;
