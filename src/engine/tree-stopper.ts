import { currentPlatform, type Platform } from '../platform/index.js';
import { findTree } from './process-tree.js';

export interface TreeStopResult {
  /** True when SIGKILL was needed (the timeout ran out, or a forced stop). */
  killed: boolean;
  /** Pids that were sent SIGKILL by pid (the group's members may not be listable). */
  killedPids: number[];
  /** Pids still alive at the end: empty unless the OS refused to kill them. */
  survivors: number[];
  /** What could not be checked on this system, in words (no process listing, no environment view); null when everything was. */
  unverified: string | null;
}

/** The words for an exit's `unverified`, the same on every door. */
export function describeUnverified(unverified: string): string {
  return `could not verify that every process stopped: ${unverified}`;
}

/** How long SIGKILL may take to show before we give up and report survivors. */
const KILL_CONFIRM_MS = 2000;
/**
 * The same where nothing can be listed. kill(2) then counts zombies in the
 * group, and an init that reaps orphans lazily (every 2 s in some containers,
 * never in others) would hold the stop: after a SIGKILL nothing can refuse,
 * whatever still answers is a zombie or about to be one, and is reported
 * as unverified rather than waited for.
 */
const BLIND_KILL_CONFIRM_MS = 300;

/** What is left of the tree, as far as the platform can tell. */
interface Survey {
  /** Pids to signal one by one: those seen outside the root's group, and any known pid where nothing can be listed. */
  outsiders: number[];
  /** Every pid seen or known alive, for the SIGKILL event and the survivors. */
  pids: number[];
  anyLeft: boolean;
  /** False when nothing could be listed: only kill(2) answered. */
  listed: boolean;
  blind: string | null;
}

/**
 * Stopping is a procedure, not a signal: SIGTERM to the group at once, and
 * to every descendant that left it as they are found, SIGKILL to whatever is
 * left after the timeout, then confirm that nothing is.
 *
 * None of it waits on seeing processes: the group and every pid we know are
 * signalled even where nothing can be listed (no /proc, no ps), and then
 * kill(2) says whether the group and those pids are gone. What could not be
 * looked at is reported, not assumed away.
 *
 * There is no event for the death of a process that is not our child, so
 * the tree is rescanned while (and only while) a stop is under way.
 */
export class TreeStopper {
  private forced = false;
  private wake: (() => void) | undefined;
  /** Every pid seen in the tree, with its group: a pid outside the root's group is signalled by itself. */
  private readonly known = new Map<number, number>();
  /** Which pids carry the marker, as far as asked: see findTree. */
  private readonly carries = new Map<number, boolean>();
  /** Why nothing can be listed, once a listing failed: no use spawning ps again in this stop. */
  private cannotList: string | null = null;

  constructor(
    private readonly rootPid: number,
    private readonly marker: string,
    private readonly timeoutMs: number,
    /** Told once, before the first SIGKILL, which pids get it. */
    private readonly onKill: (pids: number[]) => void = () => {},
    private readonly platform: Platform = currentPlatform(),
  ) {
    this.known.set(rootPid, rootPid);
  }

  /** Skips the rest of the grace period: SIGKILL now. */
  force(): void {
    this.forced = true;
    this.wake?.();
  }

  async run(): Promise<TreeStopResult> {
    const deadline = Date.now() + this.timeoutMs;
    // The group first, before any look: a group member gets SIGTERM once, as from a terminal
    // (a shell whose trap ran twice would print its goodbye twice).
    // Just forked, the child may not lead its group yet (setsid comes first in it): then the pid itself.
    if (!trySignal(-this.rootPid, 'SIGTERM')) trySignal(this.rootPid, 'SIGTERM');
    const signalled = new Set<number>();
    let poll = 5;
    let last: Survey | undefined;
    while (!this.forced) {
      const lookedAt = Date.now();
      const survey = await this.within(this.survey(), deadline, () => this.forced);
      const lookMs = Date.now() - lookedAt;
      if (!survey) break;
      last = survey;
      if (!survey.anyLeft) return { killed: false, killedPids: [], survivors: [], unverified: survey.blind };
      for (const pid of survey.outsiders.filter((p) => !signalled.has(p))) {
        trySignal(pid, 'SIGTERM');
        signalled.add(pid);
      }
      const left = deadline - Date.now();
      if (left <= 0) break;
      await this.sleep(Math.min(poll, left));
      // A look may cost a ps or two (ms each): a stop spends at most about a fifth of its wait looking.
      poll = Math.min(poll * 2, Math.max(50, 4 * lookMs));
    }
    return this.kill(last);
  }

  /** SIGKILL to what `last` saw left at once, then to whatever a look finds, until nothing is (or the confirm time is up). */
  private async kill(last: Survey | undefined): Promise<TreeStopResult> {
    const killedPids = new Set<number>();
    let killed = false;
    const began = Date.now();
    let survey = last?.anyLeft ? last : undefined;
    for (;;) {
      survey ??= (await this.within(this.survey(), began + KILL_CONFIRM_MS)) ?? this.blindSurvey('the process listing did not answer in time');
      const confirmBy = began + (survey.listed ? KILL_CONFIRM_MS : BLIND_KILL_CONFIRM_MS);
      if (!survey.anyLeft || Date.now() > confirmBy) {
        return { killed, killedPids: [...killedPids], survivors: survey.anyLeft ? survey.pids : [], unverified: this.unverified(survey) };
      }
      if (!killed) this.onKill(survey.pids);
      killed = true;
      // The group needs no look: it goes every round, even if a look never answers.
      if (!trySignal(-this.rootPid, 'SIGKILL')) trySignal(this.rootPid, 'SIGKILL');
      for (const pid of survey.outsiders) trySignal(pid, 'SIGKILL');
      for (const pid of survey.pids) killedPids.add(pid);
      survey = undefined;
      await this.sleep(10);
    }
  }

  private unverified(survey: Survey): string | null {
    if (survey.blind === null) return null;
    return survey.anyLeft && !survey.listed ? `process group ${this.rootPid} still answered after SIGKILL (zombies not yet reaped?); ${survey.blind}` : survey.blind;
  }

  /** The tree as the platform lists it, or, where it cannot, what kill(2) says of the group and the pids we know. */
  private async survey(): Promise<Survey> {
    if (this.cannotList !== null) return this.blindSurvey(this.cannotList);
    const scan = await findTree(this.platform, this.rootPid, this.marker, this.carries);
    if (scan.members === null) {
      this.cannotList = scan.blind ?? 'cannot list processes';
      return this.blindSurvey(this.cannotList);
    }
    for (const p of scan.members) this.known.set(p.pid, p.pgid);
    const pids = scan.members.map((p) => p.pid);
    return { outsiders: scan.members.filter((p) => p.pgid !== this.rootPid).map((p) => p.pid), pids, anyLeft: pids.length > 0, listed: true, blind: scan.blind };
  }

  private blindSurvey(blind: string): Survey {
    const alive = [...this.known.keys()].filter((pid) => this.platform.isAlive(pid));
    const outsiders = alive.filter((pid) => this.known.get(pid) !== this.rootPid);
    return { outsiders, pids: alive, anyLeft: alive.length > 0 || this.platform.isGroupAlive(this.rootPid), listed: false, blind };
  }

  /** The promise's value, or undefined if `deadline` passes (or `giveUp()` holds) first. */
  private async within<T>(promise: Promise<T>, deadline: number, giveUp: () => boolean = () => false): Promise<T | undefined> {
    let result: { value: T } | undefined;
    void promise.then((value) => {
      result = { value };
      this.wake?.();
    });
    // A wake from elsewhere (a late answer to an earlier look) only sends us round again.
    while (!result && !giveUp() && Date.now() < deadline) await this.sleep(deadline - Date.now());
    return result?.value;
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.wake = done;
    });
  }
}

/** True when the signal was sent. */
function trySignal(pid: number, signal: NodeJS.Signals): boolean {
  try {
    process.kill(pid, signal);
    return true;
  } catch {
    // ESRCH: already gone. EPERM: not ours to signal (setuid helper); nothing we can do.
    return false;
  }
}
