import type Conf from 'conf';
import { notValidJson } from './json-error.js';
import { UserError } from './user-error.js';

/** A user's own settings, kept across projects (conf: ~/.config/tfui-nodejs/config.json). */
export interface Preferences {
  /** Lines of scrollback per instance: memory is bounded by this. */
  scrollback: number;
  /** Key overrides by command id, e.g. {"process.restart": ["r", "F5"]}. */
  keys: Record<string, string[]>;
  /** Path of the preferences file, for messages. */
  path: string;
}

const DEFAULT_SCROLLBACK = 5000;

const HOOKED_EVENTS = ['exit', 'SIGINT', 'SIGTERM', 'SIGHUP', 'SIGQUIT', 'SIGABRT', 'SIGALRM', 'SIGBREAK', 'SIGUSR2', 'SIGVTALRM', 'SIGXCPU', 'SIGXFSZ', 'SIGPROF', 'SIGSYS', 'SIGTRAP', 'SIGPOLL', 'SIGIOT', 'SIGUNUSED', 'SIGLOST', 'SIGPWR', 'SIGINFO', 'SIGIO', 'SIGSTKFLT', 'SIGCONT', 'SIGPIPE'];

/**
 * conf, loaded only when the screen needs it. Its file writer (atomically)
 * imports when-exit, which on load hooks every signal and sends each one
 * again to the process: tfui would see one Ctrl-C as two (stop, then kill at
 * once). tfui never writes preferences, so those hooks are removed.
 */
async function importConf(): Promise<typeof Conf> {
  const before = new Map(HOOKED_EVENTS.map((event) => [event, new Set(process.listeners(event as NodeJS.Signals))]));
  const { default: ConfClass } = await import('conf');
  for (const [event, listeners] of before) {
    for (const listener of process.listeners(event as NodeJS.Signals)) {
      if (!listeners.has(listener)) process.removeListener(event, listener as (...args: unknown[]) => void);
    }
  }
  return ConfClass;
}

/** Loads preferences; `TFUI_CONFIG_DIR` points elsewhere (tests, portable setups). A broken file is one clear error. */
export async function loadPreferences(env: NodeJS.ProcessEnv = process.env): Promise<Preferences> {
  const ConfClass = await importConf();
  let store: Conf<{ scrollback?: unknown; keys?: unknown }>;
  // conf throws a file's JSON error without naming the file: the error is kept, and told with the path.
  let notJson: string | undefined;
  const deserialize = (text: string): Record<string, unknown> => {
    // An empty file (made to be filled in later) holds no settings.
    if (text.trim() === '') return {};
    try {
      return JSON.parse(text) as Record<string, unknown>;
    } catch (error) {
      notJson = notValidJson(text, error);
      return {};
    }
  };
  try {
    store = new ConfClass({ projectName: 'tfui', deserialize, ...(env['TFUI_CONFIG_DIR'] ? { cwd: env['TFUI_CONFIG_DIR'] } : {}) });
  } catch (error) {
    throw new UserError(`preferences: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`);
  }
  const path = store.path;
  if (notJson !== undefined) throw new UserError(`${path}${notJson}`);
  const scrollback = store.get('scrollback') ?? DEFAULT_SCROLLBACK;
  if (typeof scrollback !== 'number' || !Number.isInteger(scrollback) || scrollback < 0 || scrollback > 1_000_000) {
    throw new UserError(`${path}: "scrollback" should be a whole number of lines (0 to 1000000)`);
  }
  const keys = store.get('keys') ?? {};
  if (typeof keys !== 'object' || keys === null || Array.isArray(keys) || !Object.values(keys).every((v) => Array.isArray(v) && v.every((k) => typeof k === 'string'))) {
    throw new UserError(`${path}: "keys" should map command ids to lists of keys, e.g. {"process.restart": ["r"]}`);
  }
  return { scrollback, keys: keys as Record<string, string[]>, path };
}
