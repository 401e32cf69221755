import { execFile, spawn } from 'node:child_process';

/** The real X clipboard (the Xvfb display's), read the way a user's paste would see it. */
export function readSystemClipboard(): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile('xsel', ['--clipboard', '--output'], { timeout: 5_000 }, (error, stdout) => {
      // xsel exits 1 with no output when nothing owns the clipboard: that is an empty clipboard.
      if (error && (error as NodeJS.ErrnoException).code === 'ENOENT') reject(new Error('xsel is not installed (apt install xsel).'));
      else resolve(error ? '' : stdout);
    });
  });
}

/** Puts text on the X clipboard as another program would. xsel forks an owner that keeps the selection. */
export function writeSystemClipboard(text: string): Promise<void> {
  return new Promise((resolve, reject) => {
    // Output ignored: the forked owner would otherwise hold our pipes open for as long as it lives.
    const child = spawn('xsel', ['--clipboard', '--input'], { stdio: ['pipe', 'ignore', 'ignore'] });
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`xsel --input exited with ${code}`))));
    child.stdin.end(text);
  });
}
