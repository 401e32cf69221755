import type { AuthStore, SessionRecord } from './auth-store';

/** Renewing the session entry costs a keychain write; within this slack an idle check stays exact enough. */
const RENEW_SLACK_MS = 15_000;

/**
 * The unlocked session, shared by the app and the CLI through one keychain entry holding its
 * expiry. Any process that uses the vault pushes the expiry forward; any process may end it.
 */
export class Session {
  constructor(
    private readonly store: AuthStore,
    private readonly now: () => number,
  ) {}

  /** The live session, or null when there is none or it has expired. */
  async current(): Promise<SessionRecord | null> {
    const record = await this.store.session();
    if (!record || typeof record.expiresAt !== 'number' || record.expiresAt <= this.now()) return null;
    return record;
  }

  async open(idleMs: number): Promise<SessionRecord> {
    const record = { expiresAt: this.now() + idleMs, idleMs };
    await this.store.setSession(record);
    return record;
  }

  /** Pushes the expiry forward after activity; skips the write when it was renewed moments ago. */
  async extend(record: SessionRecord): Promise<SessionRecord> {
    const fresh = this.now() + record.idleMs;
    if (fresh - record.expiresAt < RENEW_SLACK_MS) return record;
    const renewed = { ...record, expiresAt: fresh };
    await this.store.setSession(renewed);
    return renewed;
  }

  async end(): Promise<void> {
    await this.store.endSession();
  }
}
