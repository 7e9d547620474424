import { COMMAND_IDS, COMMANDS, type CommandId, type KeyGroup } from './commands.js';

/** Key name → command, per group. */
export type Keymap = Record<KeyGroup, Map<string, CommandId>>;

/** User overrides: a command id and the keys it should have instead of its defaults. */
export type KeyOverrides = Partial<Record<string, string[]>>;

/**
 * The keymap from the defaults and the user's overrides. An unknown command id
 * or a key bound twice in one group is an error message (not a throw), so a
 * broken preference file is reported in one line.
 */
export function buildKeymap(overrides: KeyOverrides = {}): { keymap: Keymap; keysOf: Record<CommandId, string[]> } | { error: string } {
  for (const id of Object.keys(overrides)) {
    if (!(COMMAND_IDS as string[]).includes(id)) return { error: `unknown command "${id}" in the key preferences` };
  }
  const keymap: Keymap = { main: new Map(), copy: new Map(), overlay: new Map(), timeline: new Map(), input: new Map() };
  const keysOf = {} as Record<CommandId, string[]>;
  for (const id of COMMAND_IDS) {
    const spec = COMMANDS[id];
    const keys = overrides[id] ?? spec.keys;
    keysOf[id] = keys;
    for (const key of keys) {
      const taken = keymap[spec.group].get(key);
      if (taken) return { error: `key "${key}" is bound to both ${taken} and ${id}` };
      keymap[spec.group].set(key, id);
    }
  }
  return { keymap, keysOf };
}

/** How a key is shown to people: `ctrl-c` → `^C`, `pageup` → `PgUp`. */
export function displayKey(key: string): string {
  const names: Record<string, string> = { pageup: 'PgUp', pagedown: 'PgDn', enter: 'Enter', tab: 'Tab', escape: 'Esc', space: 'Space', up: '↑', down: '↓', left: '←', right: '→', home: 'Home', end: 'End' };
  if (names[key]) return names[key] as string;
  if (key.startsWith('ctrl-')) return `^${key.slice(5).toUpperCase()}`;
  return key;
}
