export { Supervisor, MAX_INSTANCES_PER_TYPE, type SupervisorOptions } from './supervisor.js';
export { Engine, type EngineCommand, type EngineDoor, type EngineOptions, type QuitPhase } from './engine.js';
export { OutputLog, type LogLine, type LogRead } from './output-log.js';
export { spawnInPty, shellCommandLine, signalName, type SpawnPty, type PtyProcess, type ExitStatus } from './pty-process.js';
export { findTree, MARKER_VARIABLE, type TreeScan } from './process-tree.js';
export { describeUnverified } from './tree-stopper.js';
export type {
  CommandOrigin,
  InstanceRef,
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
export { originWords, remoteNotice } from './remote-notice.js';
