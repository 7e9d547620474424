import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadCachedScript } from './code-cache.js';

/** The CLI bundle as scripts/build.mjs writes it: one function expression, run through a code cache. */
const BUNDLE_URL = new URL('./cli.bundle.js', import.meta.url);
/** The bundle's first line names its build: `// tfui-build <hash>`. */
const BUILD_LINE = /^\/\/ tfui-build ([0-9a-f]+)\n/;
/** Long after the first frame: the cache then holds what drawing it compiled. */
const UPDATE_AFTER_MS = 1500;

type Main = (argv: readonly string[]) => Promise<number>;
type BundleFactory = (require: NodeRequire, importMetaUrl: string) => Promise<{ main: Main }>;

/** Loads the CLI. With a warm cache this skips compiling ~1 MB of JavaScript (Ink, React, xterm) on every start. */
export async function loadCli(env: NodeJS.ProcessEnv = process.env): Promise<Main> {
  const filename = fileURLToPath(BUNDLE_URL);
  const source = readFileSync(filename, 'utf8');
  const build = BUILD_LINE.exec(source)?.[1];
  if (build === undefined) throw new Error(`${filename} is not a tfui bundle`);
  const script = loadCachedScript(filename, source, { dir: codeCacheDir(env), key: `cli-${build}${flagsTag(process.execArgv, env['NODE_OPTIONS'])}` });
  if (env['TFUI_DEBUG_CODE_CACHE']) process.stderr.write(`tfui: code cache ${script.status}\n`);
  const factory = script.run() as BundleFactory;
  const { main } = await factory(createRequire(BUNDLE_URL), BUNDLE_URL.href);
  setTimeout(() => script.update(), UPDATE_AFTER_MS).unref();
  // A short run (tfui check) ends before the timer; without any cache it leaves one.
  if (script.status !== 'accepted') process.once('exit', () => script.update());
  return main;
}

/**
 * V8 rejects a cache made under other flags, so starts with and without, say,
 * NODE_OPTIONS=--max-old-space-size would rewrite one cache in turn; each set
 * of flags gets its own. Empty without flags.
 */
export function flagsTag(execArgv: readonly string[], nodeOptions: string | undefined): string {
  const flags = [...execArgv, nodeOptions ?? ''].join(' ').trim();
  if (flags === '') return '';
  // FNV-1a: a short, stable name; node:crypto would cost start-up time.
  let hash = 0x811c9dc5;
  for (let i = 0; i < flags.length; i++) hash = Math.imul(hash ^ flags.charCodeAt(i), 0x01000193) >>> 0;
  return `-f${hash.toString(16).padStart(8, '0')}`;
}

/** $TFUI_CACHE_DIR, else the XDG cache folder, else none; TFUI_CACHE_DIR=off turns the cache off. */
export function codeCacheDir(env: NodeJS.ProcessEnv): string | undefined {
  const chosen = env['TFUI_CACHE_DIR'];
  if (chosen === 'off') return undefined;
  if (chosen) return chosen;
  const xdg = env['XDG_CACHE_HOME'];
  if (xdg) return join(xdg, 'tfui');
  // Not a shared folder such as /tmp: whoever can write the cache decides what code runs.
  const home = safeHomedir();
  return home ? join(home, '.cache', 'tfui') : undefined;
}

function safeHomedir(): string | undefined {
  try {
    return homedir() || undefined;
  } catch {
    return undefined;
  }
}

export { loadCachedScript } from './code-cache.js';
