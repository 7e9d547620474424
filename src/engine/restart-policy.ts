import { DEFAULT_CRASH_LOOP, type CrashLoopLimit, type RestartPolicy } from '../config/index.js';

/** Backoff: the first delay, doubling per consecutive restart, up to the cap. */
export const FIRST_DELAY_MS = 1000;
export const MAX_DELAY_MS = 30_000;
/** A run this long counts as healthy: the backoff starts again from the first delay. */
export const HEALTHY_RUN_MS = 10_000;

export interface ExitFacts {
  code: number | null;
  signal: string | null;
  /** How long the run lasted. */
  ranMs: number;
}

export interface RestartHistory {
  /** When earlier automatic restarts were decided (epoch ms), oldest first. */
  restarts: readonly number[];
  /** Automatic restarts since the last healthy run: sets the backoff. */
  consecutive: number;
}

export type RestartDecision =
  | { action: 'none' }
  | { action: 'restart'; delayMs: number; attempt: number }
  | { action: 'giveUp'; reason: string };

/**
 * Whether and when to restart an instance that ended by itself. Pure: the
 * same facts always give the same answer. A stop the user (or tfui) asked
 * for never comes here, so it can never be taken for a crash.
 */
export function decideRestart(policy: RestartPolicy, exit: ExitFacts, history: RestartHistory, now: number, limit: CrashLoopLimit = DEFAULT_CRASH_LOOP): RestartDecision {
  const failed = exit.signal !== null || exit.code !== 0;
  if (policy === 'no' || (policy === 'on-failure' && !failed)) return { action: 'none' };
  const recent = history.restarts.filter((at) => now - at < limit.windowMs);
  if (recent.length >= limit.maxRestarts) {
    const how = exit.signal ?? `exit code ${exit.code}`;
    return { action: 'giveUp', reason: `gave up after ${recent.length} restarts in ${limit.windowMs / 1000}s (last: ${how})` };
  }
  const attempt = exit.ranMs >= HEALTHY_RUN_MS ? 0 : history.consecutive;
  return { action: 'restart', delayMs: Math.min(MAX_DELAY_MS, FIRST_DELAY_MS * 2 ** attempt), attempt: attempt + 1 };
}
