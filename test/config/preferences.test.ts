import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadPreferences } from '../../src/config/preferences.js';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A preferences folder whose config.json holds `text` (none when undefined). */
function folder(text?: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'tfui-prefs-'));
  dirs.push(dir);
  if (text !== undefined) writeFileSync(join(dir, 'config.json'), text);
  return dir;
}

async function errorOf(text: string): Promise<string> {
  const dir = folder(text);
  const error = await loadPreferences({ TFUI_CONFIG_DIR: dir }).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error, 'loading should fail').toBeInstanceOf(Error);
  return (error as Error).message.replace(`${dir}/`, '');
}

describe('preferences', () => {
  it('are the defaults without a file', async () => {
    const dir = folder();
    expect(await loadPreferences({ TFUI_CONFIG_DIR: dir })).toEqual({ scrollback: 5000, keys: {}, path: join(dir, 'config.json') });
  });

  it('are the defaults with an empty file', async () => {
    expect(await loadPreferences({ TFUI_CONFIG_DIR: folder('\n') })).toMatchObject({ scrollback: 5000, keys: {} });
  });

  it('take scrollback and keys from the file', async () => {
    const dir = folder(JSON.stringify({ scrollback: 200, keys: { 'process.restart': ['F'] } }));
    expect(await loadPreferences({ TFUI_CONFIG_DIR: dir })).toMatchObject({ scrollback: 200, keys: { 'process.restart': ['F'] } });
  });

  it.each([
    ['a missing value', '{\n  "scrollback": \n}\n', "config.json: not valid JSON (Unexpected token '}')"],
    ['an unfinished object', '{\n  "keys": {\n', "config.json:2: not valid JSON (Expected property name or '}')"],
    ['single quotes', "{\n  \"keys\": {\n    \"app.quit\": ['q']\n  }\n}\n", "config.json: not valid JSON (Unexpected token ''')"],
    ['a file cut short', '{\n  "scrollback": 100,\n', 'config.json:2: not valid JSON (Expected double-quoted property name)'],
    ['words after the object', '{"scrollback": 100}\nmore', 'config.json:2: not valid JSON (Unexpected non-whitespace character after JSON)'],
  ])('name the file, and the line where the parser says, for %s, in one line', async (_, text, message) => {
    expect(await errorOf(text)).toBe(message);
  });

  it.each([
    ['a scrollback that is not a whole number', JSON.stringify({ scrollback: 'lots' }), 'config.json: "scrollback" should be a whole number of lines (0 to 1000000)'],
    ['keys that are not lists of names', JSON.stringify({ keys: { 'process.restart': 'r' } }), 'config.json: "keys" should map command ids to lists of keys, e.g. {"process.restart": ["r"]}'],
  ])('say what is wrong with %s', async (_, text, message) => {
    expect(await errorOf(text)).toBe(message);
  });
});
