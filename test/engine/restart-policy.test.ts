import { describe, expect, it } from 'vitest';
import { DEFAULT_CRASH_LOOP, parseCrashLoop, parseRestartSpec, restartPairs, type CrashLoopLimit, type RestartPolicy } from '../../src/config/index.js';
import { decideRestart, FIRST_DELAY_MS, HEALTHY_RUN_MS, MAX_DELAY_MS, type ExitFacts, type RestartHistory } from '../../src/engine/restart-policy.js';
import { userErrorOf } from '../helpers/user-error.js';

/** An injected clock: every history below is relative to this moment. */
const NOW = 1_700_000_000_000;
const quick = (code: number | null, signal: string | null = null, ranMs = 200): ExitFacts => ({ code, signal, ranMs });
const fresh: RestartHistory = { restarts: [], consecutive: 0 };

describe('decideRestart: whether an instance that ended by itself restarts', () => {
  const table: Array<[RestartPolicy, ExitFacts, 'none' | 'restart', string]> = [
    ['no', quick(1), 'none', 'no: a crash'],
    ['no', quick(null, 'SIGKILL'), 'none', 'no: killed by a signal'],
    ['no', quick(0), 'none', 'no: a clean exit'],
    ['on-failure', quick(1), 'restart', 'on-failure: exit code 1'],
    ['on-failure', quick(137), 'restart', 'on-failure: exit code 137'],
    ['on-failure', quick(null, 'SIGKILL'), 'restart', 'on-failure: killed by SIGKILL'],
    ['on-failure', quick(null, 'SIGSEGV'), 'restart', 'on-failure: killed by SIGSEGV'],
    ['on-failure', quick(0), 'none', 'on-failure: a clean exit'],
    ['always', quick(0), 'restart', 'always: a clean exit'],
    ['always', quick(3), 'restart', 'always: a crash'],
    ['always', quick(null, 'SIGTERM'), 'restart', 'always: killed by a signal'],
  ];
  it.each(table)('%s, %o → %s (%s)', (policy, exit, action) => {
    expect(decideRestart(policy, exit, fresh, NOW).action).toBe(action);
  });

  it('never restarts under policy no, however long the history', () => {
    const history = { restarts: [NOW - 500_000], consecutive: 7 };
    for (const exit of [quick(0), quick(1), quick(null, 'SIGKILL'), quick(1, null, 60_000)]) {
      expect(decideRestart('no', exit, history, NOW)).toEqual({ action: 'none' });
    }
  });
});

describe('decideRestart: the backoff', () => {
  it('starts at the first delay and doubles with each consecutive restart up to the cap', () => {
    const table: Array<[number, number]> = [
      [0, 1000],
      [1, 2000],
      [2, 4000],
      [3, 8000],
      [4, 16000],
      [5, 30000],
      [6, 30000],
      [50, 30000],
      [5000, 30000],
    ];
    const limit: CrashLoopLimit = { maxRestarts: 10_000, windowMs: 60_000 };
    for (const [consecutive, delayMs] of table) {
      const decision = decideRestart('on-failure', quick(1), { restarts: [], consecutive }, NOW, limit);
      expect(decision, `consecutive ${consecutive}`).toEqual({ action: 'restart', delayMs, attempt: consecutive + 1 });
    }
    expect([FIRST_DELAY_MS, MAX_DELAY_MS]).toEqual([1000, 30_000]);
  });

  it('a run of at least HEALTHY_RUN_MS starts the backoff again from the first delay', () => {
    const table: Array<[number, number, number]> = [
      // ranMs, delay, attempt — after four quick crashes in a row
      [HEALTHY_RUN_MS - 1, 16_000, 5],
      [HEALTHY_RUN_MS, 1000, 1],
      [HEALTHY_RUN_MS + 1, 1000, 1],
      [3_600_000, 1000, 1],
    ];
    for (const [ranMs, delayMs, attempt] of table) {
      const decision = decideRestart('always', quick(1, null, ranMs), { restarts: [NOW - 20_000], consecutive: 4 }, NOW);
      expect(decision, `ran ${ranMs} ms`).toEqual({ action: 'restart', delayMs, attempt });
    }
    expect(HEALTHY_RUN_MS).toBe(10_000);
  });

  it('is the same answer for the same facts (pure)', () => {
    const history = { restarts: [NOW - 3000, NOW - 1000], consecutive: 2 };
    const first = decideRestart('on-failure', quick(2), history, NOW);
    expect(decideRestart('on-failure', quick(2), history, NOW)).toEqual(first);
    expect(history).toEqual({ restarts: [NOW - 3000, NOW - 1000], consecutive: 2 });
  });
});

describe('decideRestart: giving up on a crash loop', () => {
  const limit: CrashLoopLimit = { maxRestarts: 3, windowMs: 60_000 };
  const table: Array<[string, number[], 'restart' | 'giveUp']> = [
    ['no restarts yet', [], 'restart'],
    ['two restarts, limit three', [NOW - 5000, NOW - 2000], 'restart'],
    ['three restarts within the window', [NOW - 5000, NOW - 3000, NOW - 1000], 'giveUp'],
    ['four restarts within the window', [NOW - 9000, NOW - 5000, NOW - 3000, NOW - 1000], 'giveUp'],
    ['three restarts, the oldest exactly one window ago', [NOW - 60_000, NOW - 3000, NOW - 1000], 'restart'],
    ['three restarts, the oldest just inside the window', [NOW - 59_999, NOW - 3000, NOW - 1000], 'giveUp'],
    ['three restarts, all older than the window', [NOW - 200_000, NOW - 150_000, NOW - 61_000], 'restart'],
    ['five restarts, only two inside the window', [NOW - 300_000, NOW - 200_000, NOW - 90_000, NOW - 4000, NOW - 1000], 'restart'],
  ];
  it.each(table)('%s → %s', (_label, restarts, action) => {
    expect(decideRestart('on-failure', quick(1), { restarts, consecutive: restarts.length }, NOW, limit).action).toBe(action);
  });

  it('uses the default limit of 5 restarts in 60 s when none is given', () => {
    expect(DEFAULT_CRASH_LOOP).toEqual({ maxRestarts: 5, windowMs: 60_000 });
    const four = [1, 2, 3, 4].map((n) => NOW - n * 1000);
    expect(decideRestart('always', quick(1), { restarts: four, consecutive: 4 }, NOW).action).toBe('restart');
    expect(decideRestart('always', quick(1), { restarts: [NOW - 5000, ...four], consecutive: 5 }, NOW).action).toBe('giveUp');
  });

  it('gives up under always too, even after a clean exit', () => {
    const restarts = [NOW - 3000, NOW - 2000, NOW - 1000];
    expect(decideRestart('always', quick(0), { restarts, consecutive: 3 }, NOW, limit).action).toBe('giveUp');
  });

  it('names the count, the window and the last exit in the reason', () => {
    const restarts = [NOW - 3000, NOW - 2000, NOW - 1000];
    const table: Array<[ExitFacts, string]> = [
      [quick(7), 'gave up after 3 restarts in 60s (last: exit code 7)'],
      [quick(null, 'SIGKILL'), 'gave up after 3 restarts in 60s (last: SIGKILL)'],
      [quick(null, 'SIGSEGV'), 'gave up after 3 restarts in 60s (last: SIGSEGV)'],
    ];
    for (const [exit, reason] of table) {
      expect(decideRestart('on-failure', exit, { restarts, consecutive: 3 }, NOW, limit)).toEqual({ action: 'giveUp', reason });
    }
    const wide = decideRestart('on-failure', quick(2), { restarts: [NOW - 100_000, NOW - 1000], consecutive: 2 }, NOW, { maxRestarts: 2, windowMs: 120_000 });
    expect(wide).toEqual({ action: 'giveUp', reason: 'gave up after 2 restarts in 120s (last: exit code 2)' });
  });
});

describe('parseRestartSpec: each type\'s policy', () => {
  const types = ['web', 'worker', 'clock'];
  const table: Array<[string, Array<[string, string]>, Record<string, RestartPolicy>]> = [
    ['nothing given: no for every type', [], { web: 'no', worker: 'no', clock: 'no' }],
    ['one type', [['worker', 'on-failure']], { web: 'no', worker: 'on-failure', clock: 'no' }],
    ['all= sets every type not named', [['all', 'always'], ['web', 'no']], { web: 'no', worker: 'always', clock: 'always' }],
    ['all= after a named type does not override it', [['web', 'on-failure'], ['all', 'always']], { web: 'on-failure', worker: 'always', clock: 'always' }],
    ['the last pair for a type wins', [['web', 'always'], ['web', 'no']], { web: 'no', worker: 'no', clock: 'no' }],
  ];
  it.each(table)('%s', (_label, pairs, expected) => {
    expect(Object.fromEntries(parseRestartSpec(pairs, types, '--restart', 2))).toEqual(expected);
  });

  it('keeps the Procfile order of types', () => {
    expect([...parseRestartSpec([['clock', 'always']], types, '--restart', 2).keys()]).toEqual(types);
  });

  it('rejects an unknown type, naming it and the known ones, with the given exit status', () => {
    const error = userErrorOf(() => parseRestartSpec([['wrker', 'always']], types, '--restart', 2));
    expect(error.message).toBe('--restart: unknown process type "wrker" (Procfile has web, worker, clock)');
    expect(error.exitCode).toBe(2);
    const fromFile = userErrorOf(() => parseRestartSpec([['wrker', 'always']], types, '.tfui.json', 1));
    expect(fromFile.message).toMatch(/^\.tfui\.json: unknown process type "wrker"/);
    expect(fromFile.exitCode).toBe(1);
  });

  it('rejects a policy that is not no, on-failure or always', () => {
    for (const policy of ['sometimes', 'On-Failure', '', 'unless-stopped']) {
      const error = userErrorOf(() => parseRestartSpec([['web', policy]], types, '--restart', 2));
      expect(error.message).toBe(`--restart: restart policy "${policy}" for web should be one of no, on-failure, always`);
      expect(error.exitCode).toBe(2);
    }
    expect(userErrorOf(() => parseRestartSpec([['all', 'never']], types, '--restart', 2)).message).toMatch(/"never" for all/);
  });
});

describe('restartPairs: TYPE=POLICY,… as pairs', () => {
  const table: Array<[string, Array<[string, string]>]> = [
    ['web=on-failure', [['web', 'on-failure']]],
    ['web=on-failure,all=always', [['web', 'on-failure'], ['all', 'always']]],
    [' web = always , worker=no ', [['web', 'always'], ['worker', 'no']]],
    ['web=always,,', [['web', 'always']]],
    ['', []],
    ['web=', [['web', '']]],
  ];
  it.each(table)('%j', (spec, pairs) => {
    expect(restartPairs(spec, '--restart')).toEqual(pairs);
  });

  it.each(['web', 'web=always,worker', '=always'])('rejects %j as not TYPE=POLICY, with usage status 2', (spec) => {
    const error = userErrorOf(() => restartPairs(spec, '--restart'));
    expect(error.message).toMatch(/^--restart: ".*" is not TYPE=POLICY \(e\.g\. worker=on-failure\)$/);
    expect(error.exitCode).toBe(2);
  });
});

describe('parseCrashLoop: RESTARTS/SECONDS', () => {
  const table: Array<[string, CrashLoopLimit]> = [
    ['5/60', { maxRestarts: 5, windowMs: 60_000 }],
    ['3/0.5', { maxRestarts: 3, windowMs: 500 }],
    [' 1/1 ', { maxRestarts: 1, windowMs: 1000 }],
    ['10/120', { maxRestarts: 10, windowMs: 120_000 }],
  ];
  it.each(table)('%j', (text, limit) => {
    expect(parseCrashLoop(text, '--crash-loop', 2)).toEqual(limit);
  });

  it.each(['0/60', '5/0', '5/0.0', '5', '5/', '/60', 'five/60', '-1/60', '5/60s', '5/-1', '1.5/60'])('rejects %j with the given exit status', (text) => {
    const error = userErrorOf(() => parseCrashLoop(text, '--crash-loop', 2));
    expect(error.message).toBe(`--crash-loop: "${text}" is not RESTARTS/SECONDS (e.g. 5/60)`);
    expect(error.exitCode).toBe(2);
    expect(userErrorOf(() => parseCrashLoop(text, '.tfui.json', 1)).exitCode).toBe(1);
  });
});
