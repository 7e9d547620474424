import { loadAppConfig } from '../../src/config/index.js';
import { Supervisor, type SupervisorEvent, type SupervisorSnapshot } from '../../src/engine/index.js';
import type { ProcessGuard } from '../../src/engine/watchdog.js';
import { makeProject } from './project.js';
import { waitFor } from './wait-for.js';

export interface SuperviseOptions {
  formation?: string;
  timeout?: number;
  files?: Record<string, string>;
  /** TYPE=POLICY pairs, as `--restart` gives them. */
  restart?: Array<[string, string]>;
  /** `RESTARTS/SECONDS`, as `--crash-loop` takes it. */
  crashLoop?: string;
  /** The base port, as `-p` takes it. */
  port?: string;
  /** Give the sink a `lastLines` (the last lines of output, plain), as the screen's terminal models do. */
  lastLines?: boolean;
  /** Told of each process group, as the watchdog is. */
  guard?: ProcessGuard;
}

/** The last `count` lines of a pty's output as plain text: escapes and carriage returns gone. */
function lastLinesOf(output: string, count: number): string[] {
  const lines = output
    .replace(/\x1b\[[0-9;?]*[A-Za-z]/g, '')
    .split('\n')
    .map((line) => line.replace(/\r/g, ''));
  if (lines.at(-1) === '') lines.pop();
  return lines.slice(-count);
}

/**
 * A real supervisor over a temp project: records every event, the latest
 * snapshot and each instance's output, for tests to wait on.
 */
export function supervise(procfile: string, options: SuperviseOptions = {}) {
  const project = makeProject({ Procfile: procfile, ...options.files });
  const app = loadAppConfig(
    {
      ...(options.formation ? { formation: options.formation } : {}),
      ...(options.restart ? { restart: options.restart } : {}),
      ...(options.crashLoop ? { crashLoop: options.crashLoop } : {}),
      ...(options.port ? { port: options.port } : {}),
      timeout: options.timeout ?? 2,
    },
    project.dir,
    process.env,
  );
  const output = new Map<string, string>();
  const events: SupervisorEvent[] = [];
  let snapshot: SupervisorSnapshot | undefined;
  let flushes = 0;
  const supervisor = new Supervisor(app, {
    sinkFor: (id) => ({
      write: (data) => output.set(id, (output.get(id) ?? '') + Buffer.from(data).toString('utf8')),
      flush: () => {
        flushes += 1;
      },
      ...(options.lastLines ? { lastLines: (count: number) => lastLinesOf(output.get(id) ?? '', count) } : {}),
    }),
    ...(options.guard ? { guard: options.guard } : {}),
  });
  supervisor.subscribe((event, next) => {
    if (event) events.push(event);
    snapshot = next;
  });
  const describe = () =>
    `events: ${JSON.stringify(events, null, 1)}\noutput: ${JSON.stringify(Object.fromEntries(output), null, 1)}`;
  return {
    app,
    supervisor,
    events,
    output: (id: string) => output.get(id) ?? '',
    snapshot: () => snapshot as SupervisorSnapshot,
    flushes: () => flushes,
    instance: (id: string) => snapshot?.instances.find((i) => i.id === id),
    waitForEvent<T extends SupervisorEvent['type']>(type: T, id?: string, timeoutMs = 10_000) {
      return waitFor(() => events.find((e): e is Extract<SupervisorEvent, { type: T }> => e.type === type && (id === undefined || ('id' in e && e.id === id))), { timeoutMs, describe });
    },
    waitForOutput(id: string, pattern: RegExp, timeoutMs = 10_000) {
      return waitFor(() => pattern.exec(output.get(id) ?? ''), { timeoutMs, describe });
    },
    describe,
    async cleanup() {
      await supervisor.forceKill();
      project.remove();
    },
  };
}
