import { spawn, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it, vi } from 'vitest';
import { limitCoreDumps } from './core-dumps';

const hasPrlimit = process.platform === 'linux' && spawnSync('prlimit', ['--version']).status === 0;

describe('limitCoreDumps', () => {
  it('asks prlimit for a 1-byte core limit on each process', async () => {
    const run = vi.fn(async () => undefined);
    await expect(limitCoreDumps([10, 11], run)).resolves.toEqual({ limited: [10, 11], failed: [] });
    expect(run).toHaveBeenCalledWith(['--pid', '10', '--core=1:1']);
    expect(run).toHaveBeenCalledWith(['--pid', '11', '--core=1:1']);
  });

  it('falls back to 0 when the hard limit cannot be raised to 1, and reports processes it could not limit', async () => {
    const run = vi.fn(async (args: readonly string[]) => {
      if (args[1] === '20' && args[2] === '--core=1:1') throw new Error('EPERM');
      if (args[1] === '21') throw new Error('ESRCH');
    });
    await expect(limitCoreDumps([20, 21], run)).resolves.toEqual({ limited: [20], failed: [21] });
    expect(run).toHaveBeenCalledWith(['--pid', '20', '--core=0:0']);
  });

  it.runIf(hasPrlimit)('really limits a running process on this machine', async () => {
    const child = spawn('sleep', ['30'], { stdio: 'ignore' });
    try {
      const pid = child.pid;
      if (pid === undefined) throw new Error('sleep did not start');
      await expect(limitCoreDumps([pid])).resolves.toEqual({ limited: [pid], failed: [] });
      const line = readFileSync(`/proc/${pid}/limits`, 'utf8')
        .split('\n')
        .find((l) => l.startsWith('Max core file size'));
      expect(line?.split(/\s{2,}/).slice(1, 3)).toEqual(['1', '1']);
    } finally {
      child.kill();
    }
  });
});
