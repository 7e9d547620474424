import { spawn, type ChildProcess } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import { choosePlatform } from '../../src/platform/index.js';
import { linuxProc } from '../../src/platform/linux-proc.js';
import { portable } from '../../src/platform/portable.js';
import type { Platform } from '../../src/platform/types.js';
import { killMatching, uniqueMarker } from '../helpers/processes.js';
import { waitFor } from '../helpers/wait-for.js';

const marker = uniqueMarker('tfuiplat');
let child: ChildProcess | undefined;

afterEach(() => {
  child?.kill('SIGKILL');
  child = undefined;
  killMatching(marker);
});

/** A sleeping perl in a group of its own, with `variable` in its environment. */
function sleeper(variable: string): number {
  child = spawn('perl', ['-e', 'sleep 1000', '--', marker], { detached: true, stdio: 'ignore', env: { ...process.env, TFUI_PLATFORM_TEST: variable } });
  return child.pid as number;
}

describe.each([linuxProc, portable])('the $name platform on this machine', (platform: Platform) => {
  it('lists a sleeping process with its parent, group, state, wait channel, CPU time and memory', async () => {
    const pid = sleeper('x');
    // perl may not have reached its sleep on the first look.
    const info = await waitFor(async () => {
      const listing = await platform.listProcesses(['wchan', 'cpu', 'rss']);
      if (!listing.known) throw new Error(listing.why);
      const found = listing.value.find((p) => p.pid === pid);
      return found?.state === 'S' && found.wchan ? found : undefined;
    });
    expect(info).toMatchObject({ pid, ppid: process.pid, pgid: pid, state: 'S', wchan: 'hrtimer_nanosleep' });
    expect(info.cpuMs).toBeGreaterThanOrEqual(0);
    expect(info.rssKb).toBeGreaterThan(100);
    // This process's CPU time as Node counts it: ps rounds to whole seconds, /proc to 10 ms.
    const listing = await platform.listProcesses(['cpu']);
    const usage = process.cpuUsage();
    const cpuMs = listing.known ? listing.value.find((p) => p.pid === process.pid)?.cpuMs : undefined;
    expect(Math.abs((cpuMs ?? -1e9) - (usage.user + usage.system) / 1000)).toBeLessThan(1100);
  });

  it('tells which processes carry a variable, among those asked about', async () => {
    const value = `${marker}-${platform.name}`;
    const pid = sleeper(value);
    await waitFor(() => platform.isAlive(pid));
    const answer = await platform.carryingVariable('TFUI_PLATFORM_TEST', value, [pid, process.pid, 1]);
    expect(answer).toEqual({ known: true, value: new Set([pid]) });
    expect(await platform.carryingVariable('TFUI_PLATFORM_TEST', value, [process.pid])).toEqual({ known: true, value: new Set() });
  });

  it('says whether a process and a group are alive: a zombie is not, where the platform can tell', async () => {
    const pid = sleeper('z');
    expect(platform.isAlive(pid)).toBe(true);
    expect(platform.isGroupAlive(pid)).toBe(true);
    // Killed but not yet reaped: a zombie until node sees its exit.
    process.kill(pid, 'SIGKILL');
    const listing = await waitFor(async () => {
      const answer = await platform.listProcesses();
      return answer.known && !answer.value.some((p) => p.pid === pid) ? answer : undefined;
    });
    expect(listing.known).toBe(true);
    await new Promise<void>((resolve) => (child?.exitCode !== null || child.signalCode !== null ? resolve() : child.once('exit', () => resolve())));
    await waitFor(() => !platform.isAlive(pid) && !platform.isGroupAlive(pid));
    expect(platform.isAlive(999_999_999)).toBe(false);
    expect(platform.isAlive(0)).toBe(false);
    expect(platform.isGroupAlive(0)).toBe(false);
  });
});

describe('choosing the platform', () => {
  it('is /proc where the system has it, ps and lsof where it does not, and TFUI_PLATFORM overrides both', () => {
    expect(choosePlatform({}, () => true).name).toBe('linux-proc');
    expect(choosePlatform({}, () => false).name).toBe('portable');
    expect(choosePlatform({ TFUI_PLATFORM: 'portable' }, () => true).name).toBe('portable');
    expect(choosePlatform({ TFUI_PLATFORM: 'linux-proc' }, () => false).name).toBe('linux-proc');
    expect(choosePlatform({ TFUI_PLATFORM: 'beos' }, () => true).name).toBe('linux-proc');
    expect(choosePlatform().name).toBe('linux-proc');
  });
});
