import type { ApiError } from './types';

/**
 * The sentence a user sees for an error. Core messages already say what to do, so most pass
 * through; the unlock errors get the app's own wording because the screen reads as a conversation.
 */
export function messageFor(error: ApiError): string {
  switch (error.code) {
    case 'WRONG_CODE':
      return 'That code is not right. Check the clock on your phone and enter the current code.';
    case 'CODE_REUSED':
      return 'This code was already used; wait for the next one.';
    case 'RECOVERY_REQUIRED':
      return 'Too many wrong codes. Only a recovery code can unlock Keystash now.';
    case 'KEYCHAIN_LOCKED':
      return error.message || 'The system keychain is locked. Unlock it and try again.';
    case 'KEYCHAIN_UNAVAILABLE':
      return error.message || 'The system keychain is not available. Start it and try again.';
    case 'NOT_FOUND':
      return error.message || 'That key no longer exists. It may have been deleted from the command line.';
    case 'LOCKED':
      return 'Keystash locked. Unlock it to continue.';
    default:
      return error.message || 'Something went wrong. Try again.';
  }
}

/**
 * The form field an INVALID_ARGUMENT error points at, reduced to its top-level name ("tags.2" → "tags").
 * A CONFLICT is about the name (two keys cannot share one), so it is shown there too.
 */
export function fieldOf(error: ApiError): string | null {
  if (error.field) return error.field.split('.')[0] ?? null;
  if (error.code === 'CONFLICT') return 'name';
  return null;
}
