import type { Platform, ProcessInfo } from '../platform/index.js';

/**
 * Which processes belong to an instance.
 *
 * An instance runs in its own pty session, so its process group is `-pid`.
 * A group kill misses processes that called setsid() or double-forked into a
 * daemon: those are reparented away from our tree. They still carry the
 * instance's marker variable in the environment they were started with,
 * which is how we find them where the platform shows environments.
 * A process that wipes its environment *and* leaves the session escapes;
 * that trade-off keeps tfui free of native code beyond node-pty.
 */

/** The variable tfui puts in every instance's environment to recognise its descendants. */
export const MARKER_VARIABLE = 'TFUI_INSTANCE';

export interface TreeScan {
  /** Every living process of the tree that could be seen (the root while it lives); null when nothing could be listed. */
  members: ProcessInfo[] | null;
  /** What the scan could not see, and why; null when it saw everything. */
  blind: string | null;
}

/**
 * An instance's tree: its process group, the descendants of any member (by
 * parent pid), and any process carrying the marker. `carries` remembers the
 * marker's answers across the scans of one stop: the environment a process
 * was started with does not change, and asking again costs a `ps` elsewhere.
 */
export async function findTree(platform: Platform, rootPid: number, marker: string, carries = new Map<number, boolean>()): Promise<TreeScan> {
  const listing = await platform.listProcesses();
  if (!listing.known) return { members: null, blind: `cannot list processes (${listing.why})` };
  const others = listing.value.filter((p) => p.pid !== process.pid);
  const members = new Map<number, ProcessInfo>();
  for (const p of others) if (p.pid === rootPid || p.pgid === rootPid) members.set(p.pid, p);
  const unasked = others.filter((p) => !members.has(p.pid) && !carries.has(p.pid)).map((p) => p.pid);
  const carriers = unasked.length > 0 ? await platform.carryingVariable(MARKER_VARIABLE, marker, unasked) : ({ known: true, value: new Set<number>() } as const);
  if (carriers.known) for (const pid of unasked) carries.set(pid, carriers.value.has(pid));
  for (const p of others) if (carries.get(p.pid)) members.set(p.pid, p);
  // Children of members belong to the tree even if they changed group and env.
  let grew = true;
  while (grew) {
    grew = false;
    for (const p of others) {
      if (!members.has(p.pid) && members.has(p.ppid)) {
        members.set(p.pid, p);
        grew = true;
      }
    }
  }
  return { members: [...members.values()], blind: carriers.known ? null : `processes that left the group cannot be seen: ${carriers.why}` };
}

/**
 * Whether `pid` is of an instance's tree, by the same rules as findTree but
 * looking only at `pid` and its ancestors: it, or an ancestor, is the root,
 * in the root's group, or carries the marker. False when nothing can be listed.
 */
export async function isInTree(platform: Platform, pid: number, rootPid: number, marker: string): Promise<boolean> {
  const listing = await platform.listProcesses();
  if (!listing.known) return false;
  const byPid = new Map(listing.value.map((p) => [p.pid, p]));
  const chain: number[] = [];
  for (let current = byPid.get(pid); current && current.pid > 1 && !chain.includes(current.pid); current = byPid.get(current.ppid)) {
    if (current.pid === rootPid || current.pgid === rootPid) return true;
    chain.push(current.pid);
  }
  if (chain.length === 0) return false;
  const carriers = await platform.carryingVariable(MARKER_VARIABLE, marker, chain);
  return carriers.known && carriers.value.size > 0;
}
