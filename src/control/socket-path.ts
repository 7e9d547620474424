import { lstatSync, mkdirSync, realpathSync } from 'node:fs';
import { basename, join } from 'node:path';
import { UserError } from '../config/user-error.js';

/**
 * Where a project's control socket lives: in a folder only this user can
 * open (unix(7): the portable protection of a socket is its folder), never
 * in the project and never on TCP. The name comes from the Procfile's and
 * the root's real paths, so every shell in the project finds the same one.
 */

/** sun_path's size less its NUL: 108 on Linux, 104 on macOS and the BSDs. */
export function socketPathLimit(platform: NodeJS.Platform = process.platform): number {
  return platform === 'linux' ? 107 : 103;
}

/**
 * Where a socket may be, best first: `$XDG_RUNTIME_DIR/tfui`, the usual
 * runtime folder `/run/user/UID/tfui`, `/tmp/tfui-UID`, then `tfui-UID` in
 * `$TMPDIR`. A tfui listens in the first it can use; a client looks in
 * each. The order leans on places that do not depend on the environment:
 * an agent's MCP client may start `tfui mcp` with little of it (the SDK
 * passes HOME, PATH, USER and a few more; no TMPDIR, which on macOS is a
 * folder per user), and must still find the tfui of the project.
 */
export function socketFolders(env: NodeJS.ProcessEnv = process.env): string[] {
  const folders: string[] = [];
  for (const runtime of [env['XDG_RUNTIME_DIR'], `/run/user/${uid()}`]) {
    if (runtime && isPrivateFolder(runtime)) folders.push(join(runtime, 'tfui'));
  }
  folders.push(join('/tmp', `tfui-${uid()}`));
  const temp = env['TMPDIR'];
  if (temp) folders.push(join(temp, `tfui-${uid()}`));
  return [...new Set(folders)];
}

/** The folder a tfui listens in when it can: the first of `socketFolders`. */
export function socketFolder(env: NodeJS.ProcessEnv = process.env): string {
  return socketFolders(env)[0] as string;
}

/** Every path where the project's tfui may listen, best first; those too long to bind are left out. */
export function socketPathCandidates(project: { procfilePath: string; root: string }, env: NodeJS.ProcessEnv = process.env): string[] {
  const name = socketName(project);
  const paths = socketFolders(env).map((folder) => join(folder, name));
  const fitting = paths.filter((path) => Buffer.byteLength(path) <= socketPathLimit());
  if (fitting.length === 0) {
    const path = paths[0] as string;
    throw new UserError(`control socket path is ${Buffer.byteLength(path)} bytes, over the system's ${socketPathLimit()}: ${path} (set XDG_RUNTIME_DIR or TMPDIR to a shorter folder)`);
  }
  return fitting;
}

/** Where the project's tfui listens when the first folder can be used (what tests and docs name). */
export function socketPathFor(project: { procfilePath: string; root: string }, env: NodeJS.ProcessEnv = process.env): string {
  return socketPathCandidates(project, env)[0] as string;
}

function socketName(project: { procfilePath: string; root: string }): string {
  const key = `${real(project.procfilePath)}\0${real(project.root)}`;
  const readable = basename(real(project.root)).replace(/[^A-Za-z0-9._-]/g, '_').slice(0, 24);
  return `${readable}-${hash(key)}.sock`;
}

/**
 * Makes the socket folder (mode 0700) if needed, then checks it before use:
 * a real folder (not a link someone planted), ours, and closed to everyone
 * else. Anything else is refused with a line that says what to fix.
 */
export function ensurePrivateFolder(folder: string): void {
  try {
    mkdirSync(folder, { mode: 0o700 });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw new UserError(`cannot create ${folder} for the control socket (${(error as Error).message})`);
  }
  const problem = privacyProblem(folder);
  if (problem) throw new UserError(`${folder}: ${problem}; tfui keeps its control socket there, so it refuses to use it (remove it, or set XDG_RUNTIME_DIR)`);
}

function privacyProblem(folder: string): string | null {
  const stat = lstatSync(folder);
  if (stat.isSymbolicLink()) return 'is a symbolic link';
  if (!stat.isDirectory()) return 'is not a folder';
  if (stat.uid !== uid()) return `belongs to uid ${stat.uid}, not to you (${uid()})`;
  if ((stat.mode & 0o077) !== 0) return `is open to others (mode ${(stat.mode & 0o777).toString(8)})`;
  return null;
}

/** Whether `folder` is a real folder of this user that nobody else can open: the only kind a socket of ours is trusted in. */
export function isPrivateFolder(folder: string): boolean {
  try {
    const stat = lstatSync(folder);
    return stat.isDirectory() && stat.uid === uid() && (stat.mode & 0o077) === 0;
  } catch {
    return false;
  }
}

function uid(): number {
  return process.getuid?.() ?? 0;
}

function real(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    return path;
  }
}

/** 64 bits of FNV-1a as 16 hex digits: a short name, and node:crypto would cost start-up time. */
function hash(text: string): string {
  let high = 0xcbf29ce4;
  let low = 0x84222325;
  for (let i = 0; i < text.length; i++) {
    low ^= text.charCodeAt(i);
    // Multiply the 64-bit value by the FNV prime 0x100000001b3, in 32-bit halves.
    const lowProduct = low * 0x1b3;
    const carry = Math.floor(lowProduct / 0x100000000);
    high = (Math.imul(high, 0x1b3) + Math.imul(low, 0x100) + carry) >>> 0;
    low = lowProduct >>> 0;
  }
  return high.toString(16).padStart(8, '0') + low.toString(16).padStart(8, '0');
}
