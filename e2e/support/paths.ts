import { join, resolve } from 'node:path';

/** The repository root, for the built app and host under out/. */
export const repoRoot = resolve(import.meta.dirname, '..', '..');
export const hostEntry = join(repoRoot, 'out', 'host', 'host.js');
export const screenshotDir = join(repoRoot, 'e2e', 'artifacts', 'screenshots');
