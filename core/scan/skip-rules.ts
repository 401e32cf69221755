/**
 * What the scanner never reads, whatever the ignore files say. Dependencies and VCS internals are
 * not the user's code; lock files are walls of integrity hashes (entropy without secrets); files
 * over 1 MiB are minified bundles, dumps and data, where a hit is rarely actionable and the cost is
 * real.
 */

export const MAX_FILE_BYTES = 1024 * 1024;

/** Folders skipped by name at any depth. */
export const SKIPPED_DIRECTORIES: ReadonlySet<string> = new Set(['node_modules', '.git', '.hg', '.svn']);

/** Lock files and checksum lists, by exact name. */
export const LOCK_FILES: ReadonlySet<string> = new Set([
  'package-lock.json',
  'npm-shrinkwrap.json',
  'yarn.lock',
  'pnpm-lock.yaml',
  'bun.lock',
  'bun.lockb',
  'deno.lock',
  'Cargo.lock',
  'poetry.lock',
  'Pipfile.lock',
  'pdm.lock',
  'uv.lock',
  'Gemfile.lock',
  'composer.lock',
  'go.sum',
  'mix.lock',
  'pubspec.lock',
  'Podfile.lock',
  'flake.lock',
  'packages.lock.json',
  'gradle.lockfile',
]);

/**
 * Extensions that are binary by format, skipped without reading them. Anything else is read and
 * checked for a NUL byte, which catches the rest.
 */
const BINARY_EXTENSIONS: ReadonlySet<string> = new Set(
  (
    'png jpg jpeg gif bmp ico icns webp avif tif tiff psd heic ' +
    'zip gz tgz bz2 xz zst 7z rar tar jar war ear whl egg ' +
    'woff woff2 ttf otf eot ' +
    'mp3 mp4 m4a mov avi mkv webm wav flac ogg ' +
    'pdf doc docx xls xlsx ppt pptx odt ' +
    'exe dll so dylib a o obj lib class pyc pyo wasm node bin dat db sqlite sqlite3 ' +
    'dmg iso img pkg deb rpm msi appimage'
  ).split(' '),
);

export function hasBinaryExtension(name: string): boolean {
  const dot = name.lastIndexOf('.');
  return dot > 0 && BINARY_EXTENSIONS.has(name.slice(dot + 1).toLowerCase());
}

/** Git's own test: a NUL byte in the first 8,000 bytes means binary. */
export function looksBinary(bytes: Uint8Array): boolean {
  return bytes.subarray(0, 8000).includes(0);
}

/** `.env`, `.env.local`, `.env.production`, but not the committed templates. */
export function isEnvFile(name: string): boolean {
  return /^\.env(?:\.[\w.-]+)?$/.test(name) && !/\.(?:example|sample|template|dist)$/.test(name);
}
