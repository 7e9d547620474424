import { afterEach } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

/** A throwaway project folder with the given files; `remove()` deletes it. */
export function makeProject(files: Record<string, string>): { dir: string; remove(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'tfui-test-'));
  for (const [name, content] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, name)), { recursive: true });
    writeFileSync(join(dir, name), content);
  }
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** `project(files)` for a test file: each project is removed after the test that made it. */
export function useProjects(): (files: Record<string, string>) => string {
  let removers: Array<() => void> = [];
  afterEach(() => {
    for (const remove of removers) remove();
    removers = [];
  });
  return (files) => {
    const { dir, remove } = makeProject(files);
    removers.push(remove);
    return dir;
  };
}
