import { totpCodeAt } from '../../core/auth/totp';

const STEP_MS = 30_000;

/** The code an authenticator shows now: what enrolment confirms with. */
export const currentCode = (secret: string) => totpCodeAt(secret, Date.now());

/**
 * The code of the next 30-s step. Unlock never accepts a step at or before the last accepted one
 * (enrolment's), but accepts one step of drift, so this is the one later unlock that works at once.
 */
export const nextStepCode = (secret: string) => totpCodeAt(secret, Date.now() + STEP_MS);

/** Six digits that match none of the steps unlock would accept now (previous, current, next). */
export async function wrongCode(secret: string, salt = 0): Promise<string> {
  const accepted = new Set(await Promise.all([-1, 0, 1, 2].map((step) => totpCodeAt(secret, Date.now() + step * STEP_MS))));
  for (let n = 123_456 + salt * 7_919; ; n = (n + 1) % 1_000_000) {
    const code = String(n).padStart(6, '0');
    if (!accepted.has(code)) return code;
  }
}
