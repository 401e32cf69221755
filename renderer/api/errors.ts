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
    case 'INVALID_ARGUMENT':
      // The vault prefixes the field's path ("envVar: …"); next to the field itself that is noise.
      return error.field && error.message.startsWith(`${error.field}: `) ? error.message.slice(error.field.length + 2) : error.message;
    default:
      return error.message || 'Something went wrong. Try again.';
  }
}

/**
 * The form field an error points at, reduced to its top-level name ("tags.2" → "tags"): an
 * INVALID_ARGUMENT, or a CONFLICT such as a duplicate name (field "name"). Errors without a field
 * (the keychain, a lost connection) are shown for the whole form.
 */
export function fieldOf(error: ApiError): string | null {
  return error.field ? (error.field.split('.')[0] ?? null) : null;
}
