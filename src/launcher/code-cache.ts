import { mkdirSync, readdirSync, readFileSync, renameSync, statSync, unlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Script } from 'node:vm';

/**
 * A script compiled with V8's code cache: the bytecode of every function the
 * last run compiled, so a new run neither parses nor compiles them again.
 * (Node 22's module.enableCompileCache does this for modules; Node 20 has
 * only vm.Script's cachedData.) V8 checks the cache's V8 version and flags
 * and falls back to compiling when they differ; the cache name carries the
 * script's build id, because V8 compares sources by length only.
 */
/** How much more compiled code makes a cache worth rewriting. */
const GROWTH = 1.1;
/** Caches of other builds (older versions, other checkouts) unused this long are removed when a cache is written. */
const UNUSED_FOR_MS = 7 * 24 * 3600 * 1000;

export interface CachedScript {
  /** Runs the script in this context and returns its completion value. */
  run(): unknown;
  /** 'accepted', or why the script was compiled from source. */
  readonly status: 'accepted' | 'rejected' | 'missing' | 'disabled';
  /**
   * Writes the cache when there was none, or when this run compiled clearly
   * more than it held (a line-mode run caches no screen code); once per run.
   */
  update(): void;
}

export interface CodeCacheOptions {
  /** Where caches live; undefined turns the cache off. */
  dir: string | undefined;
  /** Identifies the script's contents (its build id). */
  key: string;
}

export function loadCachedScript(filename: string, source: string, options: CodeCacheOptions): CachedScript {
  const cacheFile = options.dir === undefined ? undefined : join(options.dir, `${options.key}-${process.version}-${process.arch}.v8`);
  const cachedData = cacheFile === undefined ? undefined : readIfPresent(cacheFile);
  const script = new Script(source, { filename, ...(cachedData ? { cachedData } : {}) });
  const status = cacheFile === undefined ? 'disabled' : !cachedData ? 'missing' : script.cachedDataRejected ? 'rejected' : 'accepted';
  // Its time says when it was last used, for the clean-up of old caches.
  if (status === 'accepted') touch(cacheFile!);
  let done = false;
  return {
    status,
    run: () => script.runInThisContext(),
    update() {
      if (done || cacheFile === undefined || options.dir === undefined) return;
      done = true;
      try {
        const data = script.createCachedData();
        if (status === 'accepted' && cachedData && data.length < cachedData.length * GROWTH) return;
        mkdirSync(options.dir, { recursive: true });
        // Another tfui may read it at any moment: write aside, then rename into place.
        const partial = `${cacheFile}.${process.pid}.tmp`;
        writeFileSync(partial, data);
        renameSync(partial, cacheFile);
        removeUnused(options.dir, cacheFile);
      } catch {
        // A cache that cannot be written only costs the next start some milliseconds.
      }
    },
  };
}

function readIfPresent(file: string): Buffer | undefined {
  try {
    return readFileSync(file);
  } catch {
    return undefined;
  }
}

function touch(file: string): void {
  try {
    const now = new Date();
    utimesSync(file, now, now);
  } catch {
    // Only the clean-up of old caches goes by it.
  }
}

/** Every build leaves a cache of ~1.5 MB: the ones nobody started for a week go. */
function removeUnused(dir: string, current: string): void {
  const cutoff = Date.now() - UNUSED_FOR_MS;
  for (const name of readdirSync(dir)) {
    const file = join(dir, name);
    if (file === current || !/\.v8(\.\d+\.tmp)?$/.test(name)) continue;
    try {
      if (statSync(file).mtimeMs < cutoff) unlinkSync(file);
    } catch {
      // Gone already, or not ours to remove.
    }
  }
}
