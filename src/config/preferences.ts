import Conf from 'conf';
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

/** Loads preferences; `TFUI_CONFIG_DIR` points elsewhere (tests, portable setups). A broken file is one clear error. */
export function loadPreferences(env: NodeJS.ProcessEnv = process.env): Preferences {
  let store: Conf<{ scrollback?: unknown; keys?: unknown }>;
  try {
    store = new Conf({ projectName: 'tfui', ...(env['TFUI_CONFIG_DIR'] ? { cwd: env['TFUI_CONFIG_DIR'] } : {}) });
  } catch (error) {
    throw new UserError(`preferences: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`);
  }
  const path = store.path;
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
