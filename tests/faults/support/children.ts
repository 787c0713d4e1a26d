import { spawn, type ChildProcess, type SpawnOptions } from 'node:child_process';

/** A process this suite started; only these are ever signalled. */
export interface Child {
  name: string;
  pid: number;
  process: ChildProcess;
  /** Resolves with the exit code (or signal) when the process ends. */
  exited: Promise<number | string>;
  alive(): boolean;
}

const started = new Set<Child>();
// Postgres shuts down cleanly (its backends with it) on SIGQUIT; everything else gets SIGKILL.
const lastSignal = new Map<Child, NodeJS.Signals>();

/** Starts a process and remembers it, so that a failing or aborted run still ends it. */
export function startChild(name: string, command: string, args: string[], options: SpawnOptions & { finalSignal?: NodeJS.Signals } = {}): Child {
  const { finalSignal = 'SIGKILL', ...spawnOptions } = options;
  const child = spawn(command, args, { stdio: ['ignore', 'ignore', 'pipe'], ...spawnOptions });
  if (child.pid === undefined) throw new Error(`could not start ${name} (${command})`);
  let code: number | string | undefined;
  const exited = new Promise<number | string>((resolve) =>
    child.once('exit', (exitCode, signal) => {
      code = exitCode ?? signal ?? 'unknown';
      started.delete(entry);
      resolve(code);
    }),
  );
  // The last lines of stderr say why a child died when a case fails.
  const tail: string[] = [];
  child.stderr?.on('data', (chunk: Buffer) => {
    tail.push(chunk.toString('utf8'));
    if (tail.length > 20) tail.shift();
  });
  const entry: Child = { name, pid: child.pid, process: child, exited, alive: () => code === undefined };
  Object.defineProperty(entry, 'stderrTail', { get: () => tail.join('') });
  started.add(entry);
  lastSignal.set(entry, finalSignal);
  return entry;
}

export function stderrTail(child: Child): string {
  return (child as Child & { stderrTail?: string }).stderrTail ?? '';
}

/** Sends `signal` to this one process and waits until it is gone. */
export async function stopChild(child: Child, signal: NodeJS.Signals = 'SIGKILL'): Promise<void> {
  if (!child.alive()) return;
  child.process.kill(signal);
  await child.exited;
}

/** Ends every process this suite started that is still running (by its own pid). */
export function killStartedChildren(): void {
  for (const child of started) {
    try {
      process.kill(child.pid, lastSignal.get(child) ?? 'SIGKILL');
    } catch {
      // already gone
    }
  }
}

process.once('exit', killStartedChildren);
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    killStartedChildren();
    process.exit(130);
  });
}
