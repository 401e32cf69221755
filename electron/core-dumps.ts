import { execFile } from 'node:child_process';

/**
 * Keeps a crash from writing process memory (a copied value, the data key) to disk on Linux.
 *
 * Neither Node nor Electron can set a resource limit: there is no process.setrlimit, and no
 * Chromium switch or Electron API turns core dumps off (crashReporter only controls Crashpad
 * minidumps, and Keystash never starts it). So util-linux's `prlimit`, present on every desktop
 * distribution, sets RLIMIT_CORE on our processes; a same-user process may lower another's limit.
 *
 * The limit is 1 byte rather than 0: the kernel writes no core file smaller than a page, and when
 * core_pattern pipes to a handler (systemd-coredump, apport) it ignores a limit of 0 but treats 1
 * as "no dump" (fs/coredump.c). Debian's systemd-coredump otherwise stores cores despite a 0.
 *
 * Main calls this for every process in app.getAppMetrics() before the first window: renderers are
 * forked from the zygote, and later helpers are started by the browser process, so both inherit it.
 * prlimit cannot do the same for PR_SET_DUMPABLE (which would also refuse ptrace); that needs native
 * code, as does the equivalent on macOS and Windows, where crash dumps are the OS reporter's.
 */
export const CORE_LIMITS = ['1:1', '0:0'] as const;

export type RunPrlimit = (args: readonly string[]) => Promise<void>;

export interface CoreDumpLimitResult {
  limited: number[];
  failed: number[];
}

export async function limitCoreDumps(pids: readonly number[], run: RunPrlimit = runPrlimit): Promise<CoreDumpLimitResult> {
  const outcomes = await Promise.all(pids.map(async (pid) => ({ pid, ok: await limitOne(pid, run) })));
  return {
    limited: outcomes.filter((o) => o.ok).map((o) => o.pid),
    failed: outcomes.filter((o) => !o.ok).map((o) => o.pid),
  };
}

async function limitOne(pid: number, run: RunPrlimit): Promise<boolean> {
  // 1:1 fails when the hard limit is already 0 (raising it needs privilege); 0:0 then succeeds.
  for (const limit of CORE_LIMITS) {
    try {
      await run(['--pid', String(pid), `--core=${limit}`]);
      return true;
    } catch {
      // try the next limit
    }
  }
  return false;
}

function runPrlimit(args: readonly string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    execFile('prlimit', args, { timeout: 5_000, windowsHide: true }, (error) => (error ? reject(error) : resolve()));
  });
}
