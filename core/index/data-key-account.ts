/** The keychain account holding the index's data key (base64 of 32 random bytes). */
export const DATA_KEY_ACCOUNT = 'vault:data-key';
