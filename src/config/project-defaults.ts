import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { describeFsError } from './environment.js';
import { notValidJson } from './json-error.js';
import { UserError } from './user-error.js';

/** The YAML parser, loaded only when there is a `.foreman` to read (it costs start-up time). */
function parseYaml(text: string): unknown {
  const yaml = createRequire(import.meta.url)('yaml') as typeof import('yaml');
  return yaml.parse(text);
}

/** Options a project can set once instead of on every command line. */
export interface ProjectDefaults {
  procfile?: string;
  root?: string;
  env?: string[];
  formation?: string;
  port?: string;
  timeout?: number;
  timestamp?: boolean;
  color?: boolean;
  restart?: Record<string, string>;
  /** `{"restarts": 5, "seconds": 60}`, written as `5/60`. */
  crashLoop?: string;
  /** For each option set, the file that set it, for messages. */
  origin: Partial<Record<Exclude<keyof ProjectDefaults, 'origin'>, string>>;
}

type Key = Exclude<keyof ProjectDefaults, 'origin'>;

/**
 * Reads `.foreman` (YAML, foreman's long option names) and `.tfui.json` from
 * `dir`; `.tfui.json` wins where both set an option. Flags beat both.
 */
export function readProjectDefaults(dir: string): ProjectDefaults {
  const defaults: ProjectDefaults = { origin: {} };
  const foreman = readOptional(join(dir, '.foreman'));
  if (foreman !== undefined) {
    let data: unknown;
    try {
      data = parseYaml(foreman);
    } catch (error) {
      throw new UserError(`.foreman: not valid YAML (${firstLine(error)})`);
    }
    // foreman passes unknown keys to Thor, which ignores them; so do we.
    apply(defaults, data ?? {}, '.foreman', FOREMAN_KEYS, false);
  }
  const tfui = readOptional(join(dir, '.tfui.json'));
  if (tfui !== undefined) {
    let data: unknown;
    try {
      data = JSON.parse(tfui);
    } catch (error) {
      throw new UserError(`.tfui.json${notValidJson(tfui, error)}`);
    }
    apply(defaults, data, '.tfui.json', TFUI_KEYS, true);
  }
  return defaults;
}

const FOREMAN_KEYS: readonly Key[] = ['procfile', 'root', 'env', 'formation', 'port', 'timeout', 'timestamp', 'color'];
const TFUI_KEYS: readonly Key[] = [...FOREMAN_KEYS, 'restart', 'crashLoop'];

function apply(defaults: ProjectDefaults, data: unknown, file: string, keys: readonly Key[], strict: boolean): void {
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    throw new UserError(`${file}: expected an object of options`);
  }
  for (const [key, value] of Object.entries(data)) {
    if (!(keys as readonly string[]).includes(key)) {
      if (strict) throw new UserError(`${file}: unknown option "${key}" (known: ${keys.join(', ')})`);
      continue;
    }
    const bad = (expected: string) => new UserError(`${file}: "${key}" should be ${expected}`);
    switch (key as Key) {
      case 'procfile':
      case 'root':
        if (typeof value !== 'string') throw bad('a path');
        defaults[key as 'procfile' | 'root'] = value;
        break;
      case 'env':
        if (typeof value === 'string') defaults.env = value.split(',');
        else if (Array.isArray(value) && value.every((v) => typeof v === 'string')) defaults.env = value;
        else throw bad('a file name or a list of them');
        break;
      case 'formation':
        defaults.formation = formationText(value, bad);
        break;
      case 'port':
        if (typeof value !== 'number' && typeof value !== 'string') throw bad('a port number');
        defaults.port = String(value);
        break;
      case 'timeout':
        if (typeof value !== 'number' || !(value >= 0)) throw bad('a number of seconds');
        defaults.timeout = value;
        break;
      case 'timestamp':
      case 'color':
        if (typeof value !== 'boolean') throw bad('true or false');
        defaults[key as 'timestamp' | 'color'] = value;
        break;
      case 'restart':
        if (typeof value !== 'object' || value === null || Array.isArray(value) || !Object.values(value).every((v) => typeof v === 'string')) {
          throw bad('an object like {"worker": "on-failure"}');
        }
        defaults.restart = value as Record<string, string>;
        break;
      case 'crashLoop': {
        const { restarts, seconds } = (value ?? {}) as { restarts?: unknown; seconds?: unknown };
        if (typeof restarts !== 'number' || typeof seconds !== 'number') throw bad('an object like {"restarts": 5, "seconds": 60}');
        defaults.crashLoop = `${restarts}/${seconds}`;
        break;
      }
    }
    defaults.origin[key as Key] = file;
  }
}

/** A formation may be written `"web=2,worker=1"` or `{"web": 2, "worker": 1}`. */
function formationText(value: unknown, bad: (expected: string) => UserError): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
    return Object.entries(value)
      .map(([name, count]) => {
        if (typeof count !== 'number') throw bad('"web=2,worker=1" or {"web": 2}');
        return `${name}=${count}`;
      })
      .join(',');
  }
  throw bad('"web=2,worker=1" or {"web": 2}');
}

function readOptional(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new UserError(`${path}: cannot read (${describeFsError(error)})`);
  }
}

function firstLine(error: unknown): string {
  return String(error instanceof Error ? error.message : error).split('\n')[0] ?? '';
}
