import type { InstanceSnapshot } from '../../src/engine/index.js';

/** A running instance's snapshot for `web.2`-style ids (PORT and pid follow the number), with overrides. */
export function instanceSnapshot(id: string, overrides: Partial<InstanceSnapshot> = {}, startedAt = 0): InstanceSnapshot {
  const dot = id.lastIndexOf('.');
  const number = Number(id.slice(dot + 1));
  return {
    id,
    processType: id.slice(0, dot),
    number,
    port: 5000 + number - 1,
    command: 'node server.js',
    state: 'running',
    pid: 4000 + number,
    startedAt,
    restarts: 0,
    lastExit: null,
    restartAt: null,
    killAt: null,
    gaveUp: null,
    portConflict: null,
    ...overrides,
  };
}
