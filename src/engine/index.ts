export { Supervisor, MAX_INSTANCES_PER_TYPE, type SupervisorOptions } from './supervisor.js';
export { spawnInPty, signalName, type SpawnPty, type PtyProcess, type ExitStatus } from './pty-process.js';
export { findTree, MARKER_VARIABLE, type TreeScan } from './process-tree.js';
export { describeUnverified } from './tree-stopper.js';
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
