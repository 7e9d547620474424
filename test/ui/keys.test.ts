import { describe, expect, it } from 'vitest';
import { COMMAND_IDS, COMMANDS, type CommandId, type KeyGroup } from '../../src/ui/keys/commands.js';
import { helpSections, hintItems, keysLabel } from '../../src/ui/keys/help-text.js';
import { keyName, keySequence, parseMouse } from '../../src/ui/keys/key-names.js';
import { buildKeymap, displayKey, type Keymap } from '../../src/ui/keys/keymap.js';

function defaults(): { keymap: Keymap; keysOf: Record<CommandId, string[]> } {
  const built = buildKeymap();
  if ('error' in built) throw new Error(built.error);
  return built;
}

describe('key names', () => {
  it.each([
    ['j', 'j'],
    ['J', 'J'],
    ['?', '?'],
    ['|', '|'],
    ['1', '1'],
    ['é', 'é'],
    ['😀', '😀'],
    [' ', 'space'],
    ['\x01', 'ctrl-a'],
    ['\x02', 'ctrl-b'],
    ['\x03', 'ctrl-c'],
    ['\x06', 'ctrl-f'],
    ['\x1a', 'ctrl-z'],
    ['\x1b[A', 'up'],
    ['\x1b[B', 'down'],
    ['\x1b[C', 'right'],
    ['\x1b[D', 'left'],
    ['\x1bOA', 'up'],
    ['\x1bOB', 'down'],
    ['\x1bOC', 'right'],
    ['\x1bOD', 'left'],
    ['\x1b[5~', 'pageup'],
    ['\x1b[6~', 'pagedown'],
    ['\x1b[H', 'home'],
    ['\x1bOF', 'end'],
    ['\r', 'enter'],
    ['\n', 'enter'],
    ['\t', 'tab'],
    ['\x1b[Z', 'shift-tab'],
    ['\x1b', 'escape'],
    ['\x7f', 'backspace'],
    ['\b', 'backspace'],
  ])('%j is %s', (input, name) => {
    expect(keyName(input)).toBe(name);
  });

  it.each([['\x1b[99~'], ['ab'], ['\x1b[<0;1;1M'], ['']])('%j has no name', (input) => {
    expect(keyName(input)).toBeUndefined();
  });
});

describe('key sequences', () => {
  it.each([
    ['ctrl-a', '\x01'],
    ['ctrl-c', '\x03'],
    ['enter', '\r'],
    ['up', '\x1b[A'],
    ['tab', '\t'],
    ['escape', '\x1b'],
    ['pageup', '\x1b[5~'],
    ['j', 'j'],
  ])('%s is sent as %j', (name, sequence) => {
    expect(keySequence(name)).toBe(sequence);
  });

  it.each([['ctrl-a'], ['ctrl-z'], ['enter'], ['up'], ['down'], ['pagedown'], ['backspace'], ['space'], ['q'], ['?']])(
    'reads back as the same name: %s',
    (name) => {
      const sequence = keySequence(name);
      expect(sequence).toBeDefined();
      expect(keyName(sequence as string)).toBe(name);
    },
  );

  it.each([['ctrl-'], ['ctrl-ab'], ['hyper-x'], ['']])('%j has no sequence', (name) => {
    expect(keySequence(name)).toBeUndefined();
  });
});

describe('mouse reports', () => {
  it.each([
    ['\x1b[<0;1;1M', { kind: 'press', button: 0, x: 0, y: 0 }],
    ['\x1b[<0;10;5M', { kind: 'press', button: 0, x: 9, y: 4 }],
    ['\x1b[<2;80;24M', { kind: 'press', button: 2, x: 79, y: 23 }],
    ['\x1b[<0;10;5m', { kind: 'release', button: 0, x: 9, y: 4 }],
    ['\x1b[<64;3;7M', { kind: 'wheelUp', button: 0, x: 2, y: 6 }],
    ['\x1b[<65;3;7M', { kind: 'wheelDown', button: 0, x: 2, y: 6 }],
    ['\x1b[<32;12;4M', { kind: 'drag', button: 0, x: 11, y: 3 }],
    ['\x1b[<34;12;4M', { kind: 'drag', button: 2, x: 11, y: 3 }],
    ['\x1b[<0;201;61M', { kind: 'press', button: 0, x: 200, y: 60 }],
  ])('%j is %j', (input, event) => {
    expect(parseMouse(input)).toEqual(event);
  });

  it.each([['\x1b[M !!'], ['\x1b[<0;1M'], ['\x1b[<0;1;1'], ['j'], ['\x1b[<0;1;1Mj']])('%j is not an SGR mouse report', (input) => {
    expect(parseMouse(input)).toBeUndefined();
  });
});

describe('the default keymap', () => {
  it('builds without an error', () => {
    expect(buildKeymap()).not.toHaveProperty('error');
  });

  it('binds no key twice within a group', () => {
    const seen = new Map<string, CommandId>();
    const twice: string[] = [];
    for (const id of COMMAND_IDS) {
      for (const key of COMMANDS[id].keys) {
        const where = `${COMMANDS[id].group} ${key}`;
        const other = seen.get(where);
        if (other) twice.push(`${where}: ${other} and ${id}`);
        seen.set(where, id);
      }
    }
    expect(twice).toEqual([]);
  });

  it('gives every command a description and at least one key', () => {
    const lacking = COMMAND_IDS.filter((id) => COMMANDS[id].description.trim() === '' || COMMANDS[id].keys.length === 0);
    expect(lacking).toEqual([]);
  });

  it('maps every default key back to its command, in its group', () => {
    const { keymap, keysOf } = defaults();
    for (const id of COMMAND_IDS) {
      expect(keysOf[id]).toEqual(COMMANDS[id].keys);
      for (const key of COMMANDS[id].keys) expect(keymap[COMMANDS[id].group].get(key)).toBe(id);
    }
    const total = (Object.keys(keymap) as KeyGroup[]).reduce((n, group) => n + keymap[group].size, 0);
    expect(total).toBe(COMMAND_IDS.reduce((n, id) => n + COMMANDS[id].keys.length, 0));
  });

  it('lets the same key mean different commands in different groups', () => {
    const { keymap } = defaults();
    expect(keymap.main.get('j')).toBe('selection.next');
    expect(keymap.copy.get('j')).toBe('copy.down');
    expect(keymap.overlay.get('j')).toBe('overlay.down');
  });

  it('uses only keys that a terminal can send and keyName can name', () => {
    const unnamed = COMMAND_IDS.flatMap((id) => COMMANDS[id].keys).filter((key) => {
      const sequence = keySequence(key);
      return sequence === undefined || keyName(sequence) !== key;
    });
    expect(unnamed).toEqual([]);
  });
});

describe('key overrides', () => {
  it('replace a command\'s keys, freeing the old ones', () => {
    const built = buildKeymap({ 'process.restart': ['ctrl-r', 'F'] });
    if ('error' in built) throw new Error(built.error);
    expect(built.keysOf['process.restart']).toEqual(['ctrl-r', 'F']);
    expect(built.keymap.main.get('ctrl-r')).toBe('process.restart');
    expect(built.keymap.main.get('F')).toBe('process.restart');
    expect(built.keymap.main.has('r')).toBe(false);
  });

  it('may take a key another command gave up', () => {
    const built = buildKeymap({ 'process.restart': ['x'], 'pane.close': ['X'] });
    if ('error' in built) throw new Error(built.error);
    expect(built.keymap.main.get('x')).toBe('process.restart');
    expect(built.keymap.main.get('X')).toBe('pane.close');
  });

  it('report an unknown command id as an error naming it', () => {
    const built = buildKeymap({ 'process.explode': ['b'] });
    expect(built).toEqual({ error: expect.stringContaining('process.explode') });
  });

  it('report a key bound twice in one group as an error naming both commands', () => {
    const built = buildKeymap({ 'process.restart': ['q'] });
    expect('error' in built).toBe(true);
    const { error } = built as { error: string };
    expect(error).toContain('"q"');
    expect(error).toContain('process.restart');
    expect(error).toContain('app.quit');
  });

  it('report a key given twice to the same command', () => {
    expect(buildKeymap({ 'process.restart': ['r', 'r'] })).toHaveProperty('error');
  });

  it('allow a key bound in another group', () => {
    const built = buildKeymap({ 'copy.yank': ['r'] });
    expect(built).not.toHaveProperty('error');
  });
});

describe('how keys are shown', () => {
  it.each([
    ['ctrl-c', '^C'],
    ['ctrl-a', '^A'],
    ['pageup', 'PgUp'],
    ['pagedown', 'PgDn'],
    ['enter', 'Enter'],
    ['tab', 'Tab'],
    ['escape', 'Esc'],
    ['space', 'Space'],
    ['up', '↑'],
    ['down', '↓'],
    ['left', '←'],
    ['right', '→'],
    ['home', 'Home'],
    ['end', 'End'],
    ['j', 'j'],
    ['G', 'G'],
    ['?', '?'],
  ])('%s as %s', (key, shown) => {
    expect(displayKey(key)).toBe(shown);
  });

  it('joins a command\'s keys with a slash', () => {
    expect(keysLabel(defaults().keysOf, 'selection.next')).toBe('j/↓');
  });
});

describe('the help sections', () => {
  it('list every command exactly once', () => {
    const descriptions = helpSections(defaults().keysOf).flatMap((s) => s.entries.map((e) => e.description));
    expect(descriptions).toHaveLength(COMMAND_IDS.length);
    expect([...descriptions].sort()).toEqual(COMMAND_IDS.map((id) => COMMANDS[id].description).sort());
  });

  it('group commands under a title each, the main screen first, with no empty group', () => {
    const sections = helpSections(defaults().keysOf);
    expect(sections[0]?.title).toBe('Main screen');
    expect(sections.map((s) => s.title)).toEqual(expect.arrayContaining(['Main screen', 'Copy mode', 'Overlays', 'Input mode']));
    expect(new Set(sections.map((s) => s.title)).size).toBe(sections.length);
    expect(sections.filter((s) => s.entries.length === 0)).toEqual([]);
    const input = sections.find((s) => s.title === 'Input mode');
    expect(input?.entries).toHaveLength(1);
    expect(input?.entries[0]).toMatchObject({ keys: '^A', description: COMMANDS['input.leave'].description });
  });

  it('put each command under its own group\'s title', () => {
    const sections = helpSections(defaults().keysOf);
    const copy = sections.find((s) => s.title === 'Copy mode');
    expect(copy?.entries.map((e) => e.description)).toEqual(COMMAND_IDS.filter((id) => COMMANDS[id].group === 'copy').map((id) => COMMANDS[id].description));
  });

  it('show the keys the user chose', () => {
    const built = buildKeymap({ 'input.leave': ['ctrl-g'] });
    if ('error' in built) throw new Error(built.error);
    expect(helpSections(built.keysOf).find((s) => s.title === 'Input mode')?.entries[0]?.keys).toBe('^G');
  });
});

describe('the hint bar items', () => {
  it('are only the commands with a hint, in list order, with their first key', () => {
    const hinted = COMMAND_IDS.filter((id) => (COMMANDS[id] as { hint?: string }).hint);
    const items = hintItems(defaults().keysOf);
    expect(items.map((i) => i.label)).toEqual(hinted.map((id) => (COMMANDS[id] as { hint?: string }).hint));
    expect(items.length).toBeLessThan(COMMAND_IDS.length);
    expect(items).toContainEqual({ keys: 'r', label: 'restart' });
    expect(items).toContainEqual({ keys: 'Enter', label: 'input' });
    expect(items.map((i) => i.label)).not.toContain(undefined);
  });

  it('follow an override of the first key', () => {
    const built = buildKeymap({ 'app.quit': ['ctrl-q'] });
    if ('error' in built) throw new Error(built.error);
    expect(hintItems(built.keysOf)).toContainEqual({ keys: '^Q', label: 'quit' });
  });
});
