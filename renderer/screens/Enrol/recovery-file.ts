/** The text of the recovery-code file: the codes, and enough context to know what they are in a year. */
export function recoveryFileText(codes: string[], createdAt = new Date()): string {
  return [
    'Keystash recovery codes',
    `Created ${createdAt.toISOString().slice(0, 10)}`,
    '',
    'Each code unlocks Keystash once if you lose your authenticator.',
    'Keep this file somewhere safe that is not this computer.',
    '',
    ...codes,
    '',
  ].join('\n');
}
