import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { markdownKeyTable } from '../../src/ui/keys/help-text.js';
import { buildKeymap } from '../../src/ui/keys/keymap.js';

const README = fileURLToPath(new URL('../../README.md', import.meta.url));
const BEGIN = '<!-- keys:begin (generated from src/ui/keys/commands.ts by `npm run docs`) -->';
const END = '<!-- keys:end -->';

describe('the README key table', () => {
  it('is the one generated from the command list', () => {
    const built = buildKeymap();
    if ('error' in built) throw new Error(built.error);
    const table = `${BEGIN}\n${markdownKeyTable(built.keysOf)}\n${END}`;
    const readme = readFileSync(README, 'utf8');
    const pattern = /<!-- keys:begin[^>]*-->[\s\S]*?<!-- keys:end -->/;
    if (process.env['UPDATE_README']) writeFileSync(README, readme.replace(pattern, table));
    expect(readFileSync(README, 'utf8')).toContain(table);
  });
});
