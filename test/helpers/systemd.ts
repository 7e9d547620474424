import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface UnitFile {
  name: string;
  content: string;
}

/** Writes units into a fresh folder that any user can read (systemd's test mode runs unprivileged); `remove()` deletes it. */
export function unitFolder(units: readonly UnitFile[]): { dir: string; remove(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'tfui-units-'));
  chmodSync(dir, 0o755);
  for (const unit of units) writeFileSync(join(dir, unit.name), unit.content, { mode: 0o644 });
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/**
 * `systemd-analyze verify` on every unit: its exit status and everything it printed. systemd
 * reports a line it cannot parse ("…, ignoring") on stderr but still exits 0, so a clean unit
 * is status 0 *and* no output.
 */
export function verifyUnits(dir: string, names: readonly string[]): { status: number | null; output: string } {
  const result = spawnSync('systemd-analyze', ['verify', '--man=no', ...names.map((name) => join(dir, name))], { encoding: 'utf8', timeout: 20_000 });
  return { status: result.status, output: `${result.stdout}${result.stderr}`.trim() };
}

/**
 * How systemd itself read a unit: `systemd --test` loads it from `dir` and dumps its parsed
 * settings (Environment: one line per variable, as it will be passed; Command Line: the argv).
 * Test mode refuses to run as root, so as root it runs as nobody.
 */
export function systemdReading(dir: string, unit: string): string {
  const command = ['/lib/systemd/systemd', '--test', '--system', `--unit=${unit}`, '--no-pager'];
  const asNobody = process.getuid?.() === 0 ? ['setpriv', '--reuid=65534', '--regid=65534', '--clear-groups'] : [];
  const [program, ...args] = [...asNobody, ...command] as [string, ...string[]];
  const result = spawnSync(program, args, { encoding: 'utf8', env: { ...process.env, SYSTEMD_UNIT_PATH: `${dir}:` }, timeout: 20_000, maxBuffer: 64 * 1024 * 1024 });
  if (result.status !== 0) throw new Error(`systemd --test failed (${result.status}): ${result.stderr}`);
  const start = result.stdout.indexOf(`-> Unit ${unit}:\n`);
  if (start < 0) throw new Error(`systemd --test did not load ${unit}: ${result.stderr}`);
  const end = result.stdout.indexOf('\n\t-> Unit ', start + 1);
  return result.stdout.slice(start, end < 0 ? undefined : end + 1);
}

/** The argv of the unit's ExecStart as systemd shows it (C-style escapes inside double quotes, one word per argument). */
export function commandLineOf(reading: string): string[] {
  const line = /\t\t\tCommand Line: (.*)\n/.exec(reading)?.[1];
  if (line === undefined) throw new Error('no Command Line in the unit');
  const words: string[] = [];
  const word = /"((?:\\.|[^"\\])*)"|(\S+)/g;
  for (const match of line.matchAll(word)) words.push(match[1] === undefined ? (match[2] as string) : unescapeShown(match[1]));
  return words;
}

const SHOWN_ESCAPES: Record<string, string> = { a: '\x07', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v' };

function unescapeShown(text: string): string {
  const bytes: number[] = [];
  const escape = /\\(x[0-9a-fA-F]{2}|.)|([^\\]+)/gs;
  for (const [, escaped, plain] of text.matchAll(escape)) {
    if (plain !== undefined) bytes.push(...Buffer.from(plain, 'utf8'));
    else if (escaped?.startsWith('x') && escaped.length === 3) bytes.push(parseInt(escaped.slice(1), 16));
    else bytes.push(...Buffer.from(SHOWN_ESCAPES[escaped as string] ?? (escaped as string), 'utf8'));
  }
  return Buffer.from(bytes).toString('utf8');
}
