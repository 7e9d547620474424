import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { displayPath, locate, readProjectDefaults, UserError } from '../config/index.js';

export interface ProjectLocation {
  procfilePath: string;
  root: string;
  /** The Procfile as the user would name it, for messages. */
  shown: string;
}

/**
 * The project a verb from another shell means: `-f`/`-d` when given, else the
 * nearest folder, from here up, with a Procfile (or project defaults naming
 * one), read as `tfui start` in that folder would read it.
 */
export function findProject(flags: { procfile?: string | undefined; root?: string | undefined }, cwd: string): ProjectLocation {
  const found = (options: { procfile?: string | undefined; root?: string | undefined }, dir: string) => {
    const { procfilePath, root } = locate(withoutUndefined(options), dir);
    return { procfilePath, root, shown: displayPath(procfilePath, cwd) };
  };
  if (flags.procfile !== undefined || flags.root !== undefined) return found(flags, cwd);
  for (let dir = cwd; ; dir = dirname(dir)) {
    const defaults = readProjectDefaults(dir);
    if (defaults.procfile !== undefined || defaults.root !== undefined || existsSync(join(dir, 'Procfile'))) {
      return found({ procfile: defaults.procfile, root: defaults.root }, dir);
    }
    if (dirname(dir) === dir) throw new UserError(`no Procfile in ${cwd} or any folder above it (name one with -f, or the root with -d)`, 1);
  }
}

function withoutUndefined(options: { procfile?: string | undefined; root?: string | undefined }): { procfile?: string; root?: string } {
  return { ...(options.procfile !== undefined ? { procfile: options.procfile } : {}), ...(options.root !== undefined ? { root: options.root } : {}) };
}
