import { EventEmitter } from 'node:events';
import { hostname, userInfo } from 'node:os';
import type { AuthStatus, CopyReceipt, DriftReport, KeyList, Settings } from './api/results';
import type { KeyRef } from './api/schemas';
import type { AuditRecord, ReservedAppend } from './audit/audit-log';
import { AuditLog } from './audit/audit-log';
import { AuthStore, type SessionRecord } from './auth/auth-store';
import { Session } from './auth/session';
import { recoveryCodeRequired } from './auth/throttle-policy';
import { ClipboardGuard } from './clipboard/clipboard-guard';
import type { ClipboardPort } from './clipboard/clipboard-port';
import { VaultError } from './errors';
import type { FileChooser } from './fs/file-chooser';
import { referenceFor } from './refs/reference';
import { StagingArea } from './staging/staging-area';
import { IndexStore } from './index/index-store';
import { watchIndexFile } from './index/index-watcher';
import type { Keychain } from './keychain/keychain';
import type { ListKeysQuery } from './keys/list-keys';
import { KeyService } from './keys/key-service';
import { loadOnce } from './load-once';
import { startAfter, type DelayedStart } from './doctor/delayed-start';
import { TagService } from './tags/tag-service';

export const REVEAL_SECONDS = 15;

/** How long after an unlock its background drift check answers checkDrift (see operations.ts). */
export const DRIFT_REUSE_MS = 30_000;

/**
 * How long after an unlock its background drift check starts. The window loads and paints every
 * key's summary right after unlocking; the check's keychain listing (gnome-keyring works on it in
 * its own process, about 1 s per 500 entries) and its comparison with 10,000 index records would
 * take the CPU from that first paint.
 */
export const DRIFT_CHECK_DELAY_MS = 1_000;

/**
 * A session the keychain confirmed this recently answers an index-only read (a search keystroke,
 * the second lookup of a CLI command) without asking the keychain again: a lock from elsewhere
 * reaches such reads within this time. Anything that touches a value or writes asks every time.
 */
export const SESSION_RECHECK_MS = 1_000;

/** How long a CLI read may hold the audit log's lock while the keychain answers (Vault.readForUse): a read takes 2-20 ms. */
export const RESERVED_AUDIT_MAX_MS = 250;

export interface VaultOptions {
  home: string;
  keychain: Keychain;
  /** Needed only for copyKey; the CLI and the app pass their platform's clipboard. */
  clipboard?: ClipboardPort;
  now?: () => number;
  /**
   * Test-only: an idle timeout shorter than the 1-minute minimum of the settings. Only the browser
   * host's test mode passes it; the shipped app and the CLI never do.
   */
  idleMsOverride?: number;
  /** Keep the process alive until a pending clipboard clear ran (the CLI's `copy` waits for it). */
  clipboardKeepsProcessAlive?: boolean;
  /** Needed only for the window's Import .env…, Export… and Scan a folder…; the app and the browser host pass theirs. */
  fileChooser?: FileChooser;
}

export type LockReason = 'user' | 'idle' | 'elsewhere' | 'system' | 'quit';

interface VaultEvents {
  locked: [reason: LockReason];
  clipboardCleared: [];
  vaultChanged: [];
  /** A staged import (Import .env…, Scan's Import selected) wrote `done` of `total` values. */
  importProgress: [progress: { done: number; total: number }];
  backgroundError: [error: unknown];
}

/**
 * The vault: one object per process that composes the index, the keychain, the unlock model, the
 * clipboard and the audit log, and owns the session lifecycle. Transports (IPC, HTTP, CLI) reach it
 * only through the dispatcher.
 */
export class Vault extends EventEmitter<VaultEvents> {
  readonly index: IndexStore;
  readonly keys: KeyService;
  readonly tags: TagService;
  readonly audit: AuditLog;
  /** Values between a window's preview and its commit; dropped on lock. */
  readonly staging = new StagingArea();
  // Loaded on first use, so that `keystash get` and `run` do not load otplib, scrypt, the backup
  // format or the drift check: every CLI command is a process start, and they are most of its code.
  readonly backups = loadOnce(async () => {
    const { BackupService } = await import('./backup/backup-service');
    return new BackupService(this.index, this.keys, this.options.keychain, this.now);
  });
  readonly doctor = loadOnce(async () => {
    const { DoctorService } = await import('./doctor/doctor-service');
    return new DoctorService(this.index, this.options.keychain, this.now);
  });
  private readonly auth = loadOnce(async () => {
    const { AuthService } = await import('./auth/auth-service');
    return new AuthService(this.authStore, this.audit, this.now, accountLabel());
  });
  /** Search and listing (uFuzzy and its tables): `get` and `run` find keys by name without them. */
  private readonly listing = loadOnce(() => import('./keys/list-keys'));
  private readonly authStore: AuthStore;
  private readonly session: Session;
  private readonly clipboardGuard: ClipboardGuard | null;
  private readonly now: () => number;
  /** Writes that follow a use (lastUsedAt, the audit line, the session renewal) run after the reply. */
  private background: Promise<void> = Promise.resolve();
  private knownSession: SessionRecord | null = null;
  /** When the keychain last confirmed knownSession (epoch ms; 0: not since the last lock). */
  private sessionConfirmedAt = 0;
  private stopWatching: (() => void) | null = null;
  /** Kept after checkDrift takes its report (taken), so that a lock can still cancel it. */
  private unlockDriftCheck: { check: DelayedStart<DriftReport>; startedAt: number; taken: boolean } | null = null;

  constructor(private readonly options: VaultOptions) {
    super();
    this.now = options.now ?? Date.now;
    this.index = new IndexStore(options.home, options.keychain);
    this.keys = new KeyService(this.index, options.keychain, this.now);
    this.tags = new TagService(this.index, this.now);
    this.audit = new AuditLog(options.home, this.now);
    this.authStore = new AuthStore(options.keychain);
    this.session = new Session(this.authStore, this.now);
    this.clipboardGuard = options.clipboard
      ? new ClipboardGuard(options.clipboard, {
          keepProcessAlive: options.clipboardKeepsProcessAlive ?? false,
          onCleared: () => this.emit('clipboardCleared'),
        })
      : null;
  }

  /** The vault's notion of now (epoch ms); tests give it a clock they control. */
  clock(): number {
    return this.now();
  }

  /** The host's file dialogs; FORBIDDEN where there are none (the CLI takes paths as arguments). */
  get fileChooser(): FileChooser {
    if (!this.options.fileChooser) {
      throw new VaultError('FORBIDDEN', 'This Keystash has no file dialogs. Use the keystash command line (import, export, scan) instead.');
    }
    return this.options.fileChooser;
  }

  get keychainService(): string {
    return this.options.keychain.service;
  }

  async status(): Promise<AuthStatus> {
    const [secret, pending, state, session] = await Promise.all([
      this.authStore.totpSecret(),
      this.authStore.pendingTotpSecret(),
      this.authStore.state(),
      this.session.current(),
    ]);
    if (secret === null) await this.assertNoOrphanedIndex();
    const now = this.now();
    return {
      enrolled: secret !== null,
      enrolmentPending: pending !== null,
      unlocked: secret !== null && session !== null,
      sessionExpiresAt: session?.expiresAt ?? null,
      throttledUntil: state.backoffUntil !== null && state.backoffUntil > now ? state.backoffUntil : null,
      recoveryCodeRequired: recoveryCodeRequired(state.failures),
      reenrolmentRequired: state.reenrolmentRequired,
      recoveryCodesLeft: secret ? await (await this.auth()).recoveryCodesLeft() : 0,
    };
  }

  async beginEnrolment() {
    const auth = await this.auth();
    if (!(await auth.isEnrolled())) await this.assertNoOrphanedIndex();
    if ((await auth.isEnrolled()) && !(await this.session.current())) {
      throw new VaultError('ALREADY_ENROLLED', 'Keystash is already set up. Unlock it first to set up a new authenticator.');
    }
    return auth.beginEnrolment();
  }

  /** Confirming proves the user holds the secret, so it opens a session too. */
  async confirmEnrolment(code: string): Promise<string[]> {
    const auth = await this.auth();
    if ((await auth.isEnrolled()) && !(await this.session.current())) {
      throw new VaultError('LOCKED', 'Unlock Keystash before setting up a new authenticator.');
    }
    const codes = await auth.confirmEnrolment(code);
    await this.openSession();
    return codes;
  }

  async unlock(code: string): Promise<AuthStatus> {
    await (await this.auth()).checkUnlockCode(code);
    await this.openSession();
    const status = await this.status();
    this.checkDriftInBackground();
    return status;
  }

  async unlockWithRecoveryCode(code: string): Promise<AuthStatus> {
    await (await this.auth()).checkRecoveryCode(code);
    await this.openSession();
    const status = await this.status();
    this.checkDriftInBackground();
    return status;
  }

  /** Ends the shared session, clears a copied value, and drops the data key and index from memory. */
  async lock(reason: LockReason = 'user'): Promise<void> {
    await this.settle();
    const wasUnlocked = this.knownSession !== null || (await this.session.current()) !== null;
    await this.session.end();
    await this.forgetLocally(reason, wasUnlocked);
  }

  /**
   * Throws LOCKED unless a live session exists, and counts the call as activity. `indexOnly`: the
   * operation reads the index and nothing else, so a recent confirmation may stand (SESSION_RECHECK_MS)
   * instead of a keychain read; such a call is then not counted as activity.
   */
  async requireUnlocked(options: { indexOnly?: boolean } = {}): Promise<void> {
    // Read-your-writes: the lastUsedAt and audit writes that followed the previous reply land first.
    await this.settle();
    const now = this.now();
    const known = this.knownSession;
    // Not counted as activity: renewing writes the session entry, and writing one the keychain has
    // not just confirmed could bring back a session another process ended a moment ago. The full
    // check that confirmed it, under a second ago, was counted.
    if (options.indexOnly && known && known.expiresAt > now && now - this.sessionConfirmedAt < SESSION_RECHECK_MS) return;
    // The index is read alongside the session entry (both wait on the keychain); if it turns out
    // to be locked, what was read is dropped again. A failed read is reported by the operation's own.
    const [current] = await Promise.all([this.session.current(), this.index.read().catch(() => undefined)]);
    if (!current) {
      if (this.knownSession) await this.forgetLocally('idle', true);
      else this.index.forget();
      throw new VaultError('LOCKED', 'Keystash is locked. Unlock it with a code from your authenticator app.');
    }
    this.knownSession = current;
    this.sessionConfirmedAt = now;
    this.defer(async () => {
      this.knownSession = await this.session.extend(current);
    });
  }

  async settings(): Promise<Settings> {
    return { ...(await this.index.read()).settings };
  }

  async updateSettings(patch: Partial<Settings>): Promise<Settings> {
    // An explicit undefined ({ clipboardClearSeconds: undefined }, which the contract allows) means
    // "unchanged": assigned as is, it would drop the field from the index and leave it unreadable.
    const changes = Object.fromEntries(Object.entries(patch).filter(([, value]) => value !== undefined)) as Partial<Settings>;
    const settings = await this.index.update((data) => {
      Object.assign(data.settings, changes);
      return { ...data.settings };
    });
    if (changes.autoLockMinutes !== undefined) await this.openSession();
    await this.audit.append({ event: 'settings', detail: { ...changes } });
    return settings;
  }

  async listKeys(query: ListKeysQuery): Promise<KeyList> {
    await this.settle();
    const { listKeys } = await this.listing();
    return listKeys(await this.keys.all(), query, this.now());
  }

  async copy(ref: KeyRef): Promise<CopyReceipt> {
    if (!this.clipboardGuard) {
      throw new VaultError('CLIPBOARD_UNAVAILABLE', 'This process has no clipboard. Use `keystash copy` from a desktop session.');
    }
    const { record, value } = await this.keys.readValue(ref);
    const { clipboardClearSeconds } = await this.settings();
    const { clearsAt } = await this.clipboardGuard.copy(value, clipboardClearSeconds);
    this.recordUse([record.id], { event: 'copy', keyId: record.id });
    return { clearsAt, clearAfterSeconds: clipboardClearSeconds };
  }

  /** A reference is no secret: it is copied as is and left on the clipboard, and not audited as a use. */
  async copyReference(ref: KeyRef): Promise<{ reference: string }> {
    if (!this.options.clipboard) {
      throw new VaultError('CLIPBOARD_UNAVAILABLE', 'This process has no clipboard. Use `keystash ref NAME` instead.');
    }
    const reference = referenceFor((await this.keys.find(ref)).name);
    await this.options.clipboard.write(reference);
    return { reference };
  }

  /** The one path by which a value reaches the window; audited, and hidden again by the UI. */
  async reveal(ref: KeyRef): Promise<{ value: string; hideAfterSeconds: number }> {
    const { record, value } = await this.keys.readValue(ref);
    this.recordUse([record.id], { event: 'reveal', keyId: record.id });
    return { value, hideAfterSeconds: REVEAL_SECONDS };
  }

  /** The CLI's read of a value for a program it starts or pipes to. */
  async readSecret(ref: KeyRef): Promise<{ value: string }> {
    return this.readForUse(async () => {
      const { record, value } = await this.keys.readValue(ref);
      return { result: { value }, ids: [record.id], audit: { event: 'get', keyId: record.id } };
    });
  }

  /**
   * A CLI read of values, with its audit line begun alongside: the log's lock is taken while the
   * keychain answers (AuditLog.reserve), and the use is recorded as recordUse does. The CLI waits
   * for that line before it exits, which the window never does: its copy and reveal keep recordUse.
   * A read that keeps the keychain busy for longer (a prompt to allow access, a keychain being
   * unlocked) must not keep the log's other writers waiting: after RESERVED_AUDIT_MAX_MS the
   * reservation is let go, and the line is appended after the read, as any writer does.
   */
  async readForUse<T>(read: () => Promise<{ result: T; ids: readonly string[]; audit: AuditRecord }>): Promise<T> {
    const reserved = this.audit.reserve();
    // A failure to reserve is reported where the line is written, as a failed append would be.
    reserved.catch(() => undefined);
    const letGo = () => this.defer(async () => (await reserved.catch(() => null))?.cancel());
    let expired = false;
    const timer = setTimeout(() => {
      expired = true;
      letGo();
    }, RESERVED_AUDIT_MAX_MS);
    let use: Awaited<ReturnType<typeof read>>;
    try {
      use = await read();
    } catch (error) {
      clearTimeout(timer);
      if (!expired) letGo();
      throw error;
    }
    clearTimeout(timer);
    this.recordUse(use.ids, use.audit, expired ? undefined : reserved, { announce: true });
    return use.result;
  }

  /**
   * Drift between the index and the keychain. The first call within DRIFT_REUSE_MS of an unlock
   * takes the check that unlock started in the background (waiting for it if it is still running);
   * every other call, and refresh, lists the keychain now.
   */
  async checkDrift(options: { refresh?: boolean } = {}): Promise<DriftReport> {
    const started = this.unlockDriftCheck;
    if (started && !started.taken && !options.refresh && this.now() - started.startedAt < DRIFT_REUSE_MS) {
      started.taken = true;
      return started.check.result;
    }
    return (await this.doctor()).check();
  }

  /**
   * Marks keys as used and audits the use, after the caller already has its answer. Both at once:
   * they are separate files under separate locks, and a failure of one must not stop the other.
   */
  recordUse(ids: readonly string[], audit: AuditRecord, reserved?: Promise<ReservedAppend>, options: { announce?: boolean } = {}): void {
    this.defer(async () => {
      const appended = reserved ? reserved.then((r) => r.append(audit)) : this.audit.append(audit);
      const results = await Promise.allSettled([this.keys.markUsed(ids), appended]);
      // `announce`: a CLI read that the app answered (its agent) changed the last-used times. The index
      // watcher ignores this process's own writes, so the window is told here, as it would have been
      // of the CLI's own write. A window's own copy or reveal does not reload its list.
      const rewrote = results[0].status === 'fulfilled' && results[0].value;
      if (options.announce && rewrote && this.stopWatching && this.knownSession) this.emit('vaultChanged');
      const failed = results.find((result) => result.status === 'rejected');
      if (failed) throw failed.reason;
    });
  }

  /** Waits for the writes that follow a reply (the CLI calls this before it exits). */
  async settle(): Promise<void> {
    await this.background;
  }

  /** Resolves once a pending clipboard clear has run (the CLI's `copy` waits for it). */
  async waitForClipboardClear(): Promise<void> {
    await this.clipboardGuard?.waitForClear();
  }

  /**
   * For long-running hosts (the app, the browser host): notices the idle timeout, a lock from the
   * CLI, and index changes written by another process.
   */
  watch(): void {
    if (this.stopWatching) return;
    const timer = setInterval(() => void this.checkSession(), this.pollIntervalMs());
    timer.unref();
    // While locked the window shows no keys, and it loads them all on unlock: nothing to refresh.
    const stopIndexWatch = watchIndexFile(this.index, () => {
      if (this.knownSession) this.emit('vaultChanged');
    });
    this.stopWatching = () => {
      clearInterval(timer);
      stopIndexWatch();
    };
  }

  /** On quit: clear a copied value that is still on the clipboard and end the session. */
  async shutdown(): Promise<void> {
    this.stopWatching?.();
    this.stopWatching = null;
    await this.settle();
    await this.clipboardGuard?.clearIfUnchanged('quit').catch(() => false);
    if (this.knownSession) await this.lock('quit').catch(() => undefined);
  }

  /**
   * A vault whose index exists but whose authenticator secret is not in the keychain is either on a
   * locked keyring (libsecret then answers "no such entry" rather than an error) or has lost its
   * keychain entries. Either way, offering a fresh enrolment would hide the problem.
   */
  private async assertNoOrphanedIndex(): Promise<void> {
    if (!(await this.index.exists())) return;
    throw new VaultError(
      'KEYCHAIN_LOCKED',
      `The vault at ${this.options.home} exists, but its entries were not found in the keychain (service "${this.keychainService}"). If the keychain is locked, unlock it and try again; if it was reset, move that folder aside to start a new vault.`,
    );
  }

  private async openSession(): Promise<void> {
    await this.index.initialise();
    const { autoLockMinutes } = await this.settings();
    this.knownSession = await this.session.open(this.options.idleMsOverride ?? autoLockMinutes * 60_000);
    this.sessionConfirmedAt = this.now();
  }

  private async checkSession(): Promise<void> {
    if (!this.knownSession) return;
    try {
      const current = await this.session.current();
      if (current) {
        this.knownSession = current;
        this.sessionConfirmedAt = this.now();
        return;
      }
      const expired = this.knownSession.expiresAt <= this.now();
      await this.session.end();
      await this.forgetLocally(expired ? 'idle' : 'elsewhere', true);
    } catch (error) {
      this.emit('backgroundError', error);
    }
  }

  private async forgetLocally(reason: LockReason, audit: boolean): Promise<void> {
    this.knownSession = null;
    this.sessionConfirmedAt = 0;
    // Its report holds key names; a window still waiting for it is told the vault locked.
    this.unlockDriftCheck?.check.cancel(new VaultError('LOCKED', 'Keystash locked before its keychain check ran. Unlock to check again.'));
    this.unlockDriftCheck = null;
    this.staging.clear(); // staged imports hold values
    this.index.forget();
    await this.clipboardGuard?.clearIfUnchanged(reason === 'quit' ? 'quit' : 'lock').catch(() => false);
    if (audit) {
      await this.audit.append({ event: 'lock', detail: { reason } }).catch((e: unknown) => this.emit('backgroundError', e));
      this.emit('locked', reason);
    }
  }

  /**
   * Only for watching hosts (the app, the browser host), whose window asks for the report right
   * after unlocking: a CLI command would wait at exit for a check nobody reads. Not awaited: listing
   * the keychain takes about 1 s per 500 entries. It starts DRIFT_CHECK_DELAY_MS later, after the
   * window's first paint. A failure is reported by the checkDrift that takes it.
   */
  private checkDriftInBackground(): void {
    if (!this.stopWatching) return;
    const check = startAfter(DRIFT_CHECK_DELAY_MS, async () => (await this.doctor()).check());
    this.unlockDriftCheck = { check, startedAt: this.now(), taken: false };
  }

  private pollIntervalMs(): number {
    return Math.max(250, Math.min(5_000, (this.options.idleMsOverride ?? 60_000) / 4));
  }

  private defer(task: () => Promise<void>): void {
    this.background = this.background.then(task).catch((error: unknown) => {
      this.emit('backgroundError', error);
    });
  }
}

function accountLabel(): string {
  try {
    return `${userInfo().username}@${hostname()}`;
  } catch {
    return hostname();
  }
}
