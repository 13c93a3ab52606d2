import { spawn } from 'node:child_process';
import { closeSync, existsSync, openSync, readFileSync, writeFileSync } from 'node:fs';
import { setTimeout as delay } from 'node:timers/promises';
import { root } from './paths.js';

export interface ExitInfo {
  code: number | null;
  signal: NodeJS.Signals | null;
}

export interface ManagedProcess {
  readonly name: string;
  readonly pid: number;
  readonly logFile: string;
  /** Settles when the process has exited, for whatever reason. */
  readonly exited: Promise<ExitInfo>;
  running(): boolean;
  /** SIGTERM to the process group, then SIGKILL after timeoutMs. */
  stop(timeoutMs: number): Promise<void>;
}

export interface StartOptions {
  name: string;
  command: string;
  args: string[];
  env: NodeJS.ProcessEnv;
  logFile: string;
  /** A piece of the command line that identifies this process, to find it again after a crash (see reapStale). */
  marker: string;
}

function killGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    // the group is gone already
  }
}

/**
 * Starts a process in its own process group, stdout and stderr to its log file (truncated per run).
 * Its own group means a terminal's Ctrl-C does not reach it: the stack stops processes in order, and
 * killing the group at the end also ends what the process started itself (tsx runs node as a child).
 */
export function startProcess(options: StartOptions): ManagedProcess {
  const fd = openSync(options.logFile, 'w');
  const child = spawn(options.command, options.args, { cwd: root, env: options.env, stdio: ['ignore', fd, fd], detached: true });
  closeSync(fd);
  let done = false;
  const exited = new Promise<ExitInfo>((resolve) => {
    child.once('exit', (code, signal) => {
      done = true;
      resolve({ code, signal });
    });
    child.once('error', () => {
      done = true;
      resolve({ code: 127, signal: null });
    });
  });
  const pid = child.pid ?? -1;
  return {
    name: options.name,
    pid,
    logFile: options.logFile,
    exited,
    running: () => !done,
    async stop(timeoutMs) {
      if (done || pid < 0) return;
      // SIGTERM to the process itself; what it started gets the group SIGKILL once it has exited.
      try {
        process.kill(pid, 'SIGTERM');
      } catch {
        // exited meanwhile
      }
      const timer = delay(timeoutMs).then(() => 'timeout' as const);
      if ((await Promise.race([exited, timer])) === 'timeout') {
        process.stdout.write(`[verbatim] ${options.name} did not stop within ${timeoutMs / 1000} s: killing it\n`);
        killGroup(pid, 'SIGKILL');
        await exited;
      }
      // Anything the process left behind in its group.
      killGroup(pid, 'SIGKILL');
    },
  };
}

/** The last lines of a log file, for error messages. */
export function tail(file: string, lines = 20): string {
  if (!existsSync(file)) return '(no log file)';
  const text = readFileSync(file, 'utf8').trimEnd();
  if (!text) return '(log is empty)';
  return text.split('\n').slice(-lines).map((l) => `    ${l}`).join('\n');
}

export function describeExit(info: ExitInfo): string {
  return info.signal ? `was killed by ${info.signal}` : `exited with code ${info.code}`;
}

/**
 * Records the processes a stack started, so that a run killed without cleanup (SIGKILL, a CI timeout)
 * does not leave a broker holding the ports for the next run: reapStale stops those still alive.
 */
export class PidFile {
  constructor(private readonly file: string) {}

  write(processes: { pid: number; marker: string; name: string }[]): void {
    writeFileSync(this.file, JSON.stringify(processes, null, 2));
  }

  async reapStale(): Promise<string[]> {
    if (!existsSync(this.file)) return [];
    const recorded = JSON.parse(readFileSync(this.file, 'utf8')) as { pid: number; marker: string; name: string }[];
    const reaped: { pid: number; name: string }[] = [];
    for (const p of recorded) {
      let cmdline = '';
      try {
        cmdline = readFileSync(`/proc/${p.pid}/cmdline`, 'utf8').replaceAll('\0', ' ');
      } catch {
        continue;
      }
      if (!cmdline.includes(p.marker)) continue;
      killGroup(p.pid, 'SIGTERM');
      reaped.push(p);
    }
    for (let i = 0; i < 50 && reaped.some((p) => existsSync(`/proc/${p.pid}`)); i++) await delay(200);
    for (const p of reaped) if (existsSync(`/proc/${p.pid}`)) killGroup(p.pid, 'SIGKILL');
    this.write([]);
    return reaped.map((p) => p.name);
  }
}
