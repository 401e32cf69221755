import { AssertionError } from 'node:assert';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';

// The stand-ins scripts/build-node.mjs puts in the CLI bundle behave as the built-ins they replace.
const require = createRequire(import.meta.url);

describe('lazy built-ins', () => {
  it("signal-exit's assert.equal passes what assert.equal passes and fails with its error", () => {
    const { equal } = require('./lazy-builtins/signal-exit-assert.cjs') as { equal: (a: unknown, b: unknown, message?: string) => void };
    expect(() => equal(typeof (() => undefined), 'function', 'a callback must be provided')).not.toThrow();
    expect(() => equal(1, '1')).not.toThrow(); // loose, as assert.equal is
    let thrown: unknown;
    try {
      equal(typeof undefined, 'function', 'a callback must be provided for exit handler');
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(AssertionError);
    expect(thrown).toMatchObject({ message: 'a callback must be provided for exit handler', actual: 'undefined', expected: 'function' });
  });

  it("commander's child_process.spawn starts a process", async () => {
    const { spawn } = require('./lazy-builtins/commander-child-process.cjs') as typeof import('node:child_process');
    const child = spawn(process.execPath, ['-e', 'process.exit(7)']);
    expect(await new Promise((resolve) => child.on('exit', resolve))).toBe(7);
  });
});
