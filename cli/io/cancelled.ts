import { CliError } from '../errors';
import { EXIT } from '../exit-codes';

/** Ctrl-C or Ctrl-D at a prompt: nothing was done, and the shell sees 130 as for any interrupt. */
export const cancelled = () => new CliError('Cancelled; nothing was changed.', EXIT.interrupted);
