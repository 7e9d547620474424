export { Supervisor, MAX_INSTANCES_PER_TYPE, type SupervisorOptions } from './supervisor.js';
export { spawnInPty, signalName, type SpawnPty, type PtyProcess, type ExitStatus } from './pty-process.js';
export { findTree, isAlive, MARKER_VARIABLE } from './process-tree.js';
export type {
  InstanceSnapshot,
  InstanceState,
  FormationEntry,
  OutputSink,
  StopReason,
  SupervisorEvent,
  SupervisorListener,
  SupervisorSnapshot,
} from './events.js';
export { DeferredSink } from './deferred-sink.js';
