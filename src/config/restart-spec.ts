import { UserError } from './user-error.js';

/** What happens when an instance ends by itself. */
export type RestartPolicy = 'no' | 'on-failure' | 'always';

export const RESTART_POLICIES: readonly RestartPolicy[] = ['no', 'on-failure', 'always'];

export interface CrashLoopLimit {
  /** Give up after this many automatic restarts… */
  maxRestarts: number;
  /** …within this window. */
  windowMs: number;
}

export const DEFAULT_CRASH_LOOP: CrashLoopLimit = { maxRestarts: 5, windowMs: 60_000 };

/**
 * Each type's restart policy from `--restart web=on-failure,all=always` (or the
 * same pairs from `.tfui.json`); `all` sets every type not named; default `no`.
 */
export function parseRestartSpec(pairs: ReadonlyArray<[string, string]>, types: readonly string[], origin: string, exitCode: number): Map<string, RestartPolicy> {
  const byType = new Map<string, RestartPolicy>();
  let all: RestartPolicy | undefined;
  for (const [type, value] of pairs) {
    const policy = value as RestartPolicy;
    if (!RESTART_POLICIES.includes(policy)) throw new UserError(`${origin}: restart policy "${value}" for ${type} should be one of ${RESTART_POLICIES.join(', ')}`, exitCode);
    if (type === 'all') all = policy;
    else if (!types.includes(type)) throw new UserError(`${origin}: unknown process type "${type}" (Procfile has ${types.join(', ')})`, exitCode);
    else byType.set(type, policy);
  }
  return new Map(types.map((t) => [t, byType.get(t) ?? all ?? 'no']));
}

/** `web=on-failure,all=always` as pairs; a pair without `=` is an error. */
export function restartPairs(spec: string, origin: string): Array<[string, string]> {
  return spec
    .replace(/\s/g, '')
    .split(',')
    .filter((pair) => pair !== '')
    .map((pair) => {
      const match = /^([^=]+)=(.*)$/.exec(pair);
      if (!match) throw new UserError(`${origin}: "${pair}" is not TYPE=POLICY (e.g. worker=on-failure)`, 2);
      return [match[1] as string, match[2] as string];
    });
}

/** `5/60`: give up after 5 automatic restarts within 60 seconds. */
export function parseCrashLoop(text: string, origin: string, exitCode: number): CrashLoopLimit {
  const match = /^(\d+)\/(\d+(?:\.\d+)?)$/.exec(text.trim());
  if (!match || Number(match[1]) < 1 || Number(match[2]) <= 0) throw new UserError(`${origin}: "${text}" is not RESTARTS/SECONDS (e.g. 5/60)`, exitCode);
  return { maxRestarts: Number(match[1]), windowMs: Number(match[2]) * 1000 };
}
