import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

/**
 * Whether a SIGINT that keystash received has most likely reached the child already: Ctrl-C in a
 * terminal goes to the whole foreground process group, and the child (spawned in our group) is in
 * it. Forwarding it as well would hand the child two, and many programs take a second Ctrl-C as
 * "force quit" (berglas#158 is the same bug in another tool). So: forward unless we and the child
 * are in the terminal's foreground group. When that cannot be told, forward.
 */
export function childGotTerminalInterrupt(childPid: number): boolean {
  if (process.platform === 'win32') return true; // the console sends Ctrl-C to every process attached to it
  try {
    const self = groupsOf(process.pid);
    const child = groupsOf(childPid);
    return self.foreground > 0 && self.foreground === self.group && child.group === self.group;
  } catch {
    return false;
  }
}

/** The process group and its terminal's foreground process group (-1 or 0: no terminal). */
function groupsOf(pid: number): { group: number; foreground: number } {
  if (process.platform === 'linux') {
    // /proc/PID/stat: "pid (comm) state ppid pgrp session tty_nr tpgid ..."; comm may hold spaces.
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return { group: Number(fields[2]), foreground: Number(fields[5]) };
  }
  const [group, foreground] = execFileSync('ps', ['-o', 'pgid=,tpgid=', '-p', String(pid)], { encoding: 'utf8', timeout: 2000 })
    .trim()
    .split(/\s+/)
    .map(Number);
  if (group === undefined || foreground === undefined || Number.isNaN(group)) throw new Error('ps gave no process group');
  return { group, foreground };
}
