import type { CliIo } from './cli-io';
import { cancelled } from './cancelled';

const ENTER = new Set(['\r', '\n']);
const CTRL_C = '\u0003';
const CTRL_D = '\u0004';
const CTRL_U = '\u0015';
const BACKSPACE = new Set(['\u007f', '\b']);

/**
 * Reads one line from a terminal in raw mode, so the terminal never echoes it, and prints nothing
 * for each character either (not even a mask: its length is information too). Enter finishes,
 * Backspace and Ctrl-U edit, Ctrl-C cancels, Ctrl-D cancels on an empty line and finishes otherwise.
 */
export function readHiddenLine(io: CliIo, prompt: string): Promise<string> {
  const { stdin, stderr } = io;
  return new Promise((resolve, reject) => {
    let value = '';
    let inEscape = false;
    const wasRaw = stdin.isRaw;
    // Echo goes off before the prompt shows, so nothing typed in reply to it is ever echoed.
    stdin.setRawMode(true);
    stdin.setEncoding('utf8');
    stderr.write(prompt);

    const finish = (error: Error | null) => {
      stdin.off('data', onData);
      stdin.setRawMode(wasRaw);
      stdin.pause();
      stderr.write('\n');
      if (error) reject(error);
      else resolve(value);
    };

    const onData = (chunk: string) => {
      for (const char of chunk) {
        // Arrow keys and the like arrive as ESC [ ... letter; they are not part of a value.
        if (inEscape) {
          if (/[A-Za-z~]/.test(char)) inEscape = false;
          continue;
        }
        if (char === '\u001b') inEscape = true;
        else if (ENTER.has(char)) return finish(null);
        else if (char === CTRL_C) return finish(cancelled());
        else if (char === CTRL_D) return finish(value === '' ? cancelled() : null);
        else if (BACKSPACE.has(char)) value = [...value].slice(0, -1).join('');
        else if (char === CTRL_U) value = '';
        else if (char >= ' ') value += char;
      }
    };

    stdin.on('data', onData);
    stdin.resume();
  });
}
