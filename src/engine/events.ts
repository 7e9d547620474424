/** Where an instance is in its life. */
export type InstanceState =
  /** Being spawned. */
  | 'starting'
  | 'running'
  /** A stop was requested; waiting for its tree to end. */
  | 'stopping'
  /** Ended by itself with code 0. */
  | 'exited'
  /** Ended by itself with a non-zero code or a signal. */
  | 'crashed'
  /** Ended because tfui or the user stopped it: never a crash. */
  | 'stopped'
  /** Waiting out the backoff before an automatic restart. */
  | 'backoff';

/** Why tfui asked an instance to stop. */
export type StopReason = 'user' | 'restart' | 'scale' | 'shutdown';

/** A copy of one instance's state, safe to keep. */
export interface InstanceSnapshot {
  id: string;
  processType: string;
  /** 1-based instance number: `web.2` is 2. */
  number: number;
  port: number;
  command: string;
  state: InstanceState;
  pid: number | null;
  /** Epoch ms of the current (or last) start. */
  startedAt: number | null;
  /** Restarts so far, manual and automatic. */
  restarts: number;
  lastExit: { code: number | null; signal: string | null; at: number } | null;
  /** When the backoff ends and the instance starts again (epoch ms). */
  restartAt: number | null;
  /** While stopping: when whatever is left of its tree gets SIGKILL (epoch ms). */
  killAt: number | null;
  /** Why automatic restarts stopped (a crash loop), until the next start. */
  gaveUp: string | null;
  /** `5200 in use by nginx (pid 812)`: the instance's PORT was taken when it started, or it died of EADDRINUSE. */
  portConflict: string | null;
}

export interface FormationEntry {
  processType: string;
  /** How many instances the formation asks for now. */
  count: number;
}

export interface SupervisorSnapshot {
  formation: FormationEntry[];
  instances: InstanceSnapshot[];
}

/** Everything that happens to instances, in the order it happened. */
export type SupervisorEvent =
  | { type: 'spawned'; id: string; at: number; pid: number; port: number }
  | { type: 'spawnFailed'; id: string; at: number; message: string }
  | { type: 'stopRequested'; id: string; at: number; reason: StopReason }
  | { type: 'killedAfterTimeout'; id: string; at: number; pids: number[] }
  | {
      type: 'exited';
      id: string;
      at: number;
      code: number | null;
      signal: string | null;
      state: 'exited' | 'crashed' | 'stopped';
      /** How long this run lasted. */
      ranMs: number;
      /** Processes that could not be killed (normally empty). */
      survivors: number[];
      /** What tfui could not check was stopped on this system (e.g. no process listing), in words; null when it checked everything. */
      unverified: string | null;
      /** The last lines the process printed, as plain text. */
      lastLines: string[];
    }
  | { type: 'restartScheduled'; id: string; at: number; delayMs: number; attempt: number; policy: string }
  | { type: 'gaveUp'; id: string; at: number; reason: string }
  | { type: 'portInUse'; id: string; at: number; port: number; message: string }
  /** A user's restart (`r`, `R`, a command); automatic ones are `restartScheduled`. */
  | { type: 'restartRequested'; id: string; at: number }
  /** Scaled away: the instance is gone from the snapshot. */
  | { type: 'removed'; id: string; at: number }
  | { type: 'scaled'; processType: string; at: number; from: number; to: number };

/** Receives the current snapshot first (`event` null), then every event with the snapshot after it. */
export type SupervisorListener = (event: SupervisorEvent | null, snapshot: SupervisorSnapshot) => void;

/** Where an instance's output goes: a terminal model, or the line printer. */
export interface OutputSink {
  /** The program's bytes, exactly as written to its pty. */
  write(data: Uint8Array): void;
  /** Called once a run's last bytes were written; the exit is announced after it settles. */
  flush(): void | Promise<void>;
  /** The last lines printed, as plain text, for the timeline's account of an exit. */
  lastLines?(count: number): string[];
}
