import type { Dispatch } from '../core/api/dispatcher';
import type { ArgsOf, OperationName, ResultOf } from '../core/api/operations';
import type { Result } from '../core/api/results';
import { isVaultError } from '../core/errors';
import type { Keychain } from '../core/keychain/keychain';
import type { Vault } from '../core/vault';
import type { AgentClient } from './agent/agent-client';
import type { RememberingClipboard } from './clipboard/remembering-clipboard';
import { noteCodePath } from './code-path';
import { fromApiError } from './errors';
import { EXIT } from './exit-codes';
import type { CliIo } from './io/cli-io';
import { Output } from './io/output';

interface OpenedVault {
  vault: Vault;
  dispatch: Dispatch;
  clipboard: RememberingClipboard | null;
}

/**
 * What a command runs with: the streams, the output, and the vault, which is opened on first use
 * so that `--help` and usage errors never load core or touch the keychain. Every vault operation
 * goes through the same dispatcher as the app's, so validation and error codes are the same.
 */
export class CliContext {
  readonly output: Output;
  /** Set by a command that finished its work but must still report failure (e.g. a broken audit chain). */
  exitCode: number = EXIT.ok;
  private opened: Promise<OpenedVault> | null = null;
  private clipboardMode: { keepProcessAlive: boolean } | null = null;

  /**
   * `keychain`: the vault's keychain, when the entry point made it already (it reads ahead).
   * `agent`: the running app's, which answers the reads it can (see core/agent/agent-protocol.ts).
   */
  constructor(
    readonly io: CliIo,
    private readonly keychain?: Keychain,
    private readonly agent?: AgentClient | null,
  ) {
    this.output = new Output(io);
  }

  get env(): NodeJS.ProcessEnv {
    return this.io.env;
  }

  /** Gives the vault the platform clipboard; call before the first operation (only `copy` does). */
  useClipboard(options: { keepProcessAlive: boolean }): void {
    if (this.opened) throw new Error('useClipboard must be called before the vault is opened');
    this.clipboardMode = options;
  }

  /**
   * Runs one operation and returns its Result envelope as is. The app's agent answers it when it
   * can, until this process opens the vault itself. LOCKED from the agent is not final: unlocking
   * (--code, a prompt) happens here, and the vault opened for it answers from then on.
   */
  async attempt<N extends OperationName>(operation: N, args: ArgsOf<N>): Promise<Result<ResultOf<N>>> {
    if (this.agent && this.opened === null) {
      const answered = await this.agent.ask(operation, args);
      if (answered && (answered.ok || answered.error.code !== 'LOCKED')) {
        noteCodePath('agent');
        return answered as Result<ResultOf<N>>;
      }
    }
    const { dispatch } = await this.open();
    return (await dispatch(operation, args)) as Result<ResultOf<N>>;
  }

  /**
   * The agent's successful answer's value as compact JSON, for a command that prints exactly that;
   * null when the agent does not give one, and the command then goes by attempt (which asks again:
   * only a locked session or a failure costs that second round trip).
   */
  async agentValueJson<N extends OperationName>(operation: N, args: ArgsOf<N>): Promise<Buffer | null> {
    if (!this.agent || this.opened !== null) return null;
    const json = await this.agent.askForJson(operation, args);
    if (json) noteCodePath('agent');
    return json;
  }

  /** Runs one operation and returns its value, or throws the CLI error for its failure. */
  async call<N extends OperationName>(operation: N, args: ArgsOf<N>): Promise<ResultOf<N>> {
    const result = await this.attempt(operation, args);
    if (!result.ok) throw fromApiError(result.error);
    return result.value;
  }

  async vault(): Promise<Vault> {
    return (await this.open()).vault;
  }

  async clipboard(): Promise<RememberingClipboard | null> {
    return (await this.open()).clipboard;
  }

  /** Lets the writes that follow a reply (lastUsedAt, audit) finish, here or in the agent, and the output drain. */
  async close(): Promise<void> {
    const opened = this.opened ? await this.opened.catch(() => null) : null;
    await Promise.all([opened?.vault.settle(), this.agent?.finished()]);
    await this.output.flush();
  }

  private open(): Promise<OpenedVault> {
    // Imported here, not at the top, so commands that never need the vault start without loading it.
    this.opened ??= (async () => {
      noteCodePath('vault');
      const [{ openVault }, { createDispatcher }] = await Promise.all([
        import('../core/open-vault'),
        import('../core/api/dispatcher'),
      ]);
      let clipboard: RememberingClipboard | null = null;
      if (this.clipboardMode) {
        const [{ createPlatformClipboard }, { RememberingClipboard }] = await Promise.all([
          import('../core/clipboard/platform-clipboard'),
          import('./clipboard/remembering-clipboard'), // node:crypto, which the agent's answers do not need
        ]);
        clipboard = new RememberingClipboard(createPlatformClipboard(this.env));
      }
      const vault = openVault({
        env: this.env,
        ...(this.keychain ? { keychain: this.keychain } : {}),
        ...(clipboard ? { clipboard, clipboardKeepsProcessAlive: this.clipboardMode?.keepProcessAlive ?? false } : {}),
      });
      vault.on('backgroundError', (error) => this.warnBackground(error));
      return { vault, dispatch: createDispatcher(vault, 'cli'), clipboard };
    })();
    return this.opened;
  }

  /** A write after the reply failed (last-used time, audit line): the command itself succeeded. */
  private warnBackground(error: unknown): void {
    const why = isVaultError(error) ? ` (${error.message})` : '';
    this.output.error(`warning: the last-used time or audit entry could not be saved${why}`);
  }
}
