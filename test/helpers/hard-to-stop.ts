/**
 * The four kinds of process that make stopping hard, as one Procfile: a
 * plain one, one that ignores SIGTERM (and SIGHUP and SIGINT), a setsid
 * grandchild and a double-forked daemon. Each program is a perl sleeper
 * tagged `MARKER-TAG`, found from outside with the real /proc.
 */
import { readFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { processesMatching, uniqueMarker } from './processes.js';

export function hardToStopProcfile(m: string): string {
  const sleeper = (tag: string) => `perl -e 'sleep 1000' -- ${m}-${tag}`;
  return [
    `plain: exec ${sleeper('plain')}`,
    `stubborn: exec perl -e '$SIG{TERM}=$SIG{HUP}=$SIG{INT}="IGNORE"; sleep 1000' -- ${m}-stubborn`,
    // The inner shell exits at once: the setsid process is a grandchild with a parent no more, out of the group.
    `setsid: sh -c "setsid ${sleeper('escaped')} &"; exec ${sleeper('setsidparent')}`,
    `daemon: perl -MPOSIX -e 'fork and exit; setsid(); fork and exit; sleep 1000' -- ${m}-daemon; exec ${sleeper('daemonparent')}`,
    '',
  ].join('\n');
}

/** The programs that stay in their instance's process group; the other two left it. */
export const GROUP_TAGS = ['plain', 'stubborn', 'setsidparent', 'daemonparent'];
export const ALL_TAGS = [...GROUP_TAGS, 'daemon', 'escaped'].sort();

/** The living perl programs of a Procfile made with marker `m`, by their tag, sorted. */
export function livingTags(m: string): string[] {
  const tags: string[] = [];
  for (const pid of processesMatching(m, { programsOnly: true })) {
    try {
      const cmdline = readFileSync(`/proc/${pid}/cmdline`, 'latin1').replace(/\0/g, ' ');
      const tag = new RegExp(`^perl .*-- ${m}-(\\w+)`).exec(cmdline)?.[1];
      if (tag) tags.push(tag);
    } catch {
      // Gone while we looked.
    }
  }
  return tags.sort();
}

/** Runs its arguments with an empty /proc: `unshare -m sh -c '…' node bin/tfui.js …` (needs root or user namespaces). */
export const HIDE_PROC = ['unshare', '-m', 'sh', '-c', 'mount -t tmpfs none /proc && exec "$0" "$@"'];
const hideProbe = spawnSync(HIDE_PROC[0] as string, [...HIDE_PROC.slice(1), 'sh', '-c', '! ls /proc/self'], { encoding: 'utf8' });
export const procHideable = hideProbe.status === 0;
export const hideSkipReason = procHideable ? '' : ` (skipped: cannot hide /proc here, unshare -m / mount refused: ${(hideProbe.stderr || String(hideProbe.error ?? '')).trim()})`;

/** The watchdog (tfui-watchdog.sh) of tfui `tfuiPid`: its command line names that tfui (`… MILLISECONDS FINDER TFUI-PID …`). */
export function watchdogOf(tfuiPid: number): number | undefined {
  return processesMatching('tfui-watchdog.sh').find((pid) => {
    try {
      const args = readFileSync(`/proc/${pid}/cmdline`, 'latin1').split('\0');
      const script = args.findIndex((arg) => arg.endsWith('tfui-watchdog.sh'));
      return script >= 0 && args[script + 3] === String(tfuiPid);
    } catch {
      return false;
    }
  });
}

/** How tfui is run to look at processes: its platform layer by env, and a wrapper that hides /proc. */
export interface PlatformVariant {
  name: string;
  env: Record<string, string>;
  wrapper: string[];
  hidden: boolean;
}
export const LINUX_PROC: PlatformVariant = { name: "Linux's /proc", env: {}, wrapper: [], hidden: false };
export const PORTABLE: PlatformVariant = { name: 'portable platform (TFUI_PLATFORM=portable)', env: { TFUI_PLATFORM: 'portable' }, wrapper: [], hidden: false };
export const PROC_HIDDEN: PlatformVariant = { name: `/proc hidden${hideSkipReason}`, env: {}, wrapper: HIDE_PROC, hidden: true };

/**
 * A file's case markers: `base` for its clean-up, `next()` for each case. Fixed width, so no
 * case's marker is the start of another's (c1, c10) and one case's clean-up spares the others.
 */
export function caseMarkers(prefix: string): { base: string; next: () => string } {
  const base = uniqueMarker(prefix);
  let cases = 0;
  return { base, next: () => `${base}c${String(++cases).padStart(3, '0')}` };
}
