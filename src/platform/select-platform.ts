import { existsSync } from 'node:fs';
import { linuxProc } from './linux-proc.js';
import { portable } from './portable.js';
import type { Platform } from './types.js';

/** Set to `portable` or `linux-proc` to choose by hand (tests run the portable one on Linux). */
export const PLATFORM_VARIABLE = 'TFUI_PLATFORM';

/**
 * /proc when the system has it (one stat(2), so Linux starts no slower),
 * else ps and lsof. An unknown name in TFUI_PLATFORM is ignored: the choice
 * is a test's, never a user's mistake to report.
 */
export function choosePlatform(env: NodeJS.ProcessEnv = process.env, hasProc: () => boolean = () => existsSync('/proc/self/stat')): Platform {
  const chosen = env[PLATFORM_VARIABLE];
  if (chosen === portable.name) return portable;
  if (chosen === linuxProc.name) return linuxProc;
  return hasProc() ? linuxProc : portable;
}

let current: Platform | undefined;

/** The platform of this run, chosen on first use. */
export function currentPlatform(): Platform {
  current ??= choosePlatform();
  return current;
}
