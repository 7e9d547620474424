import { existsSync, readFileSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import type { EnvEntry } from './env-file.js';
import { describeFsError, mergeEnvironment, readEnvFiles, type Environment } from './environment.js';
import { parseFormation, resolveFormation, type Formation } from './formation.js';
import { parseProcfile } from './procfile.js';
import { DEFAULT_BASE_PORT, parsePort, portFor } from './ports.js';
import { DEFAULT_CRASH_LOOP, parseCrashLoop, parseRestartSpec, type CrashLoopLimit, type RestartPolicy } from './restart-spec.js';
import { UserError } from './user-error.js';

/** Options after flags and project defaults were merged (flags win). */
export interface AppOptions {
  procfile?: string;
  root?: string;
  env?: string[];
  formation?: string;
  /** Where the formation option came from, for messages. */
  formationOrigin?: string;
  port?: string;
  portOrigin?: string;
  timeout?: number;
  /** `tfui start web worker`: run only these types. */
  types?: string[];
  /** TYPE=POLICY pairs (`all` allowed) and where they came from. */
  restart?: Array<[string, string]>;
  restartOrigin?: string;
  /** `5/60`: give up after 5 automatic restarts in 60 s. */
  crashLoop?: string;
  crashLoopOrigin?: string;
}

export interface ProcessType {
  name: string;
  command: string;
  /** Position among all Procfile entries: the type's block of ports. */
  index: number;
}

/** Everything needed to start a formation, resolved and validated. */
export interface AppConfig {
  root: string;
  procfilePath: string;
  /** Env files that were read, as the user would name them. */
  envFiles: string[];
  types: ProcessType[];
  formation: Formation;
  basePort: number;
  /** Where the base port came from: `--port`, `.env:3`, `$PORT` or `default`. */
  basePortSource: string;
  /** The shell's environment overlaid by the env files, with provenance. */
  environment: Environment;
  timeoutMs: number;
  /** Each type's restart policy (default `no`). */
  restart: Map<string, RestartPolicy>;
  crashLoop: CrashLoopLimit;
}

export const DEFAULT_TIMEOUT_SECONDS = 5;

export function loadAppConfig(options: AppOptions, cwd: string, shellEnv: NodeJS.ProcessEnv): AppConfig {
  const show = (path: string) => displayPath(path, cwd);
  const { procfilePath, root } = locate(options, cwd);
  let procfileText: string;
  try {
    procfileText = readFileSync(procfilePath, 'utf8');
  } catch (error) {
    throw new UserError(`${show(procfilePath)}: cannot read Procfile (${describeFsError(error)})`);
  }
  const entries = parseProcfile(procfileText, show(procfilePath));
  const types = entries.map((entry, index) => ({ name: entry.name, command: entry.command, index }));
  const names = types.map((t) => t.name);

  const spec = options.formation === undefined ? undefined : parseFormation(options.formation, names, options.formationOrigin);
  const formation = resolveFormation(names, spec, options.types);
  if ([...formation.values()].every((count) => count === 0)) {
    throw new UserError('nothing to start: the formation runs 0 instances of every process type', 2);
  }

  const { envFiles, envEntries, environment } = loadEnvironment(options, root, cwd, shellEnv);
  const { basePort, basePortSource } = resolveBasePort(options, envEntries, shellEnv);
  const highest = Math.max(...types.map((t) => portFor(basePort, t.index, Math.max(1, formation.get(t.name) ?? 0))));
  if (highest > 65535) throw new UserError(`ports from base ${basePort} run past 65535 (up to ${highest}); choose a lower --port`, 2);

  return {
    root,
    procfilePath,
    envFiles,
    types,
    formation,
    basePort,
    basePortSource,
    environment,
    timeoutMs: Math.round((options.timeout ?? DEFAULT_TIMEOUT_SECONDS) * 1000),
    restart: parseRestartSpec(options.restart ?? [], names, options.restartOrigin ?? '--restart', usageStatus(options.restartOrigin, '--restart')),
    crashLoop: options.crashLoop === undefined ? DEFAULT_CRASH_LOOP : parseCrashLoop(options.crashLoop, options.crashLoopOrigin ?? '--crash-loop', usageStatus(options.crashLoopOrigin, '--crash-loop')),
  };
}

/** A bad flag is a usage error (2); a bad project file is bad input (1). */
function usageStatus(origin: string | undefined, flag: string): number {
  return origin === undefined || origin === flag ? 2 : 1;
}

/** For `tfui run`: the environment, and the Procfile's types when there is a Procfile (foreman needs none there). */
export function loadRunConfig(options: AppOptions, cwd: string, shellEnv: NodeJS.ProcessEnv) {
  const { procfilePath, root } = locate(options, cwd);
  const types = existsSync(procfilePath) ? parseProcfile(readFileSync(procfilePath, 'utf8'), displayPath(procfilePath, cwd)) : [];
  return { root, types, environment: loadEnvironment(options, root, cwd, shellEnv).environment };
}

/** The Procfile (`-f`, else root/Procfile) and the root (`-d`, else the Procfile's directory). */
/** Where the Procfile and the root are for these options, as `start` finds them. */
export function locate(options: AppOptions, cwd: string): { procfilePath: string; root: string } {
  const procfilePath = options.procfile
    ? resolve(cwd, options.procfile)
    : join(options.root ? resolve(cwd, options.root) : cwd, 'Procfile');
  const root = options.root ? resolve(cwd, options.root) : dirname(procfilePath);
  // Without -d the root is the Procfile's folder: a missing one is reported as a missing Procfile.
  if (options.root && !existsSync(root)) throw new UserError(`${displayPath(root, cwd)}: root directory does not exist`);
  return { procfilePath, root };
}

/** `-e` files (relative to the working directory), else root/.env when it exists. */
function loadEnvironment(options: AppOptions, root: string, cwd: string, shellEnv: NodeJS.ProcessEnv) {
  const show = (path: string) => displayPath(path, cwd);
  const defaultEnv = join(root, '.env');
  const envPaths = options.env ? options.env.map((file) => resolve(cwd, file)) : existsSync(defaultEnv) ? [defaultEnv] : [];
  const envEntries = readEnvFiles(envPaths, show);
  return { envFiles: envPaths.map(show), envEntries, environment: mergeEnvironment(shellEnv, envEntries) };
}

/** foreman's base: `-p`, else PORT from the env files, else $PORT, else 5000. An empty PORT counts as unset. */
function resolveBasePort(options: AppOptions, envEntries: readonly EnvEntry[], shellEnv: NodeJS.ProcessEnv) {
  if (options.port !== undefined) {
    const origin = options.portOrigin ?? '--port';
    return { basePort: parsePort(options.port, origin, origin === '--port' ? 2 : 1), basePortSource: origin };
  }
  const fromFile = envEntries.filter((e) => e.key === 'PORT' && e.value.trim() !== '').at(-1);
  if (fromFile) {
    const where = `${fromFile.file}:${fromFile.line}`;
    return { basePort: parsePort(fromFile.value, where), basePortSource: where };
  }
  const shellPort = shellEnv['PORT'];
  if (shellPort !== undefined && shellPort.trim() !== '') {
    return { basePort: parsePort(shellPort, 'PORT in the environment'), basePortSource: '$PORT' };
  }
  return { basePort: DEFAULT_BASE_PORT, basePortSource: 'default' };
}

/** A path as the user would write it: relative to the working directory when inside it. */
export function displayPath(path: string, cwd: string): string {
  const rel = relative(cwd, path);
  // Outside means a `..` segment: a file named `..env` inside cwd is still inside.
  const outside = rel === '..' || rel.startsWith(`..${sep}`);
  return rel !== '' && !outside && !isAbsolute(rel) ? rel : path;
}
