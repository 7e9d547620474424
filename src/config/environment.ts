import { readFileSync } from 'node:fs';
import { parseEnvFile, type EnvEntry } from './env-file.js';
import { UserError } from './user-error.js';

/** Where a variable of an instance's environment came from. */
export type EnvSource =
  | { kind: 'shell' }
  | { kind: 'file'; file: string; line: number }
  | { kind: 'tfui'; why: string };

export interface EnvVar {
  value: string;
  source: EnvSource;
}

/** A whole environment with the provenance of every variable. */
export type Environment = Map<string, EnvVar>;

/** Reads env files in order; a missing or unreadable file is an error. */
export function readEnvFiles(paths: readonly string[], displayName: (path: string) => string = (p) => p): EnvEntry[] {
  return paths.flatMap((path) => {
    let text: string;
    try {
      text = readFileSync(path, 'utf8');
    } catch (error) {
      throw new UserError(`${displayName(path)}: cannot read env file (${describeFsError(error)})`);
    }
    return parseEnvFile(text, displayName(path));
  });
}

/**
 * The shell's environment overlaid by the env files, later files winning.
 * As in foreman, honcho and overmind, env files override the shell.
 */
export function mergeEnvironment(shell: NodeJS.ProcessEnv, entries: readonly EnvEntry[]): Environment {
  const env: Environment = new Map();
  for (const [key, value] of Object.entries(shell)) {
    if (value !== undefined) env.set(key, { value, source: { kind: 'shell' } });
  }
  for (const entry of entries) {
    env.set(entry.key, { value: entry.value, source: { kind: 'file', file: entry.file, line: entry.line } });
  }
  return env;
}

/** Plain `KEY=value` pairs for spawning. */
export function toProcessEnv(env: Environment): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, variable] of env) out[key] = variable.value;
  return out;
}

export function describeFsError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'ENOENT') return 'no such file';
  if (code === 'EACCES') return 'permission denied';
  if (code === 'EISDIR') return 'is a directory';
  return code ?? String(error);
}
