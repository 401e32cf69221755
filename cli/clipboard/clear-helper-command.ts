/** The hidden command the clipboard helper runs as; not in `--help`, not meant to be typed. */
export const CLEAR_HELPER_COMMAND = 'clipboard-clear-helper';
