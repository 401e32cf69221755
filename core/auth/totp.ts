import { generate, generateSecret, generateURI, verify } from 'otplib';

/**
 * TOTP as Google Authenticator and Authy expect it: 160-bit secret, SHA-1, 6 digits, 30 s steps.
 * Verification accepts the current step and one on either side (clock drift).
 */
export const TOTP_PERIOD_SECONDS = 30;

export function newTotpSecret(): string {
  return generateSecret({ length: 20 });
}

export function totpUri(secret: string, account: string): string {
  return generateURI({ issuer: 'Keystash', label: account, secret });
}

/** Returns the matched time step, or null for a wrong code. */
export async function verifyTotp(secret: string, code: string, nowMs: number): Promise<number | null> {
  const result = await verify({
    secret,
    token: code,
    epoch: Math.floor(nowMs / 1000),
    epochTolerance: TOTP_PERIOD_SECONDS,
  });
  // The functional API's result type also covers HOTP, which has no time step.
  return result.valid && 'timeStep' in result ? result.timeStep : null;
}

/** The code an authenticator shows at `nowMs`; used by tests and tooling, never by unlock. */
export function totpCodeAt(secret: string, nowMs: number): Promise<string> {
  return generate({ secret, epoch: Math.floor(nowMs / 1000) });
}
