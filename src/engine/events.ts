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

/** Which instance an event is about: nothing needs to re-parse `web.2`. */
export interface InstanceRef {
  id: string;
  processType: string;
  /** 1-based: `web.2` is 2. */
  number: number;
}

/**
 * Who asked for a stop, restart, scale or quit: a key on the screen, a verb from
 * another shell, a coding agent (MCP), a signal, or tfui's own rule (line mode's
 * "one ends, all stop"; a scale-down's stops).
 */
export type CommandOrigin = 'screen' | 'shell' | 'agent' | 'signal' | 'tfui';

/** Everything that happens to instances, in the order it happened. */
export type SupervisorEvent =
  | (InstanceRef & { type: 'spawned'; at: number; pid: number; port: number })
  | (InstanceRef & { type: 'spawnFailed'; at: number; message: string })
  | (InstanceRef & { type: 'stopRequested'; at: number; reason: StopReason; origin: CommandOrigin })
  | (InstanceRef & { type: 'killedAfterTimeout'; at: number; pids: number[] })
  | (InstanceRef & {
      type: 'exited';
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
      /** Who asked for the stop that ended it; null when it ended by itself. */
      stoppedBy: CommandOrigin | null;
    })
  | (InstanceRef & { type: 'restartScheduled'; at: number; delayMs: number; attempt: number; policy: string })
  | (InstanceRef & { type: 'gaveUp'; at: number; reason: string })
  | (InstanceRef & { type: 'portInUse'; at: number; port: number; message: string })
  /** A user's restart (`r`, `R`, a command); automatic ones are `restartScheduled`. */
  | (InstanceRef & { type: 'restartRequested'; at: number; origin: CommandOrigin })
  /** Scaled away: the instance is gone from the snapshot. */
  | (InstanceRef & { type: 'removed'; at: number })
  | { type: 'scaled'; processType: string; at: number; from: number; to: number; origin: CommandOrigin }
  /** Every process is being stopped: gracefully, or (a second request) killed at once. */
  | { type: 'shutdown'; at: number; phase: 'graceful' | 'forced'; origin: CommandOrigin };

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
