import { lstatSync, mkdirSync, realpathSync } from 'node:fs';
import { tmpdir } from 'node:os';
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

/** `$XDG_RUNTIME_DIR/tfui`, else `tfui-UID` in the temp folder. */
export function socketFolder(env: NodeJS.ProcessEnv = process.env): string {
  const runtime = env['XDG_RUNTIME_DIR'];
  if (runtime && isPrivateFolderOfUser(runtime)) return join(runtime, 'tfui');
  return join(tmpdir(), `tfui-${uid()}`);
}

/** The socket's path for a project; throws a UserError when it would be too long to bind. */
export function socketPathFor(project: { procfilePath: string; root: string }, env: NodeJS.ProcessEnv = process.env): string {
  const folder = socketFolder(env);
  const key = `${real(project.procfilePath)}\0${real(project.root)}`;
  const readable = basename(real(project.root)).replace(/[^A-Za-z0-9._-]/g, '_').slice(0, 24);
  const path = join(folder, `${readable}-${hash(key)}.sock`);
  const limit = socketPathLimit();
  if (Buffer.byteLength(path) > limit) {
    throw new UserError(`control socket path is ${Buffer.byteLength(path)} bytes, over the system's ${limit}: ${path} (set XDG_RUNTIME_DIR or TMPDIR to a shorter folder)`);
  }
  return path;
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

function isPrivateFolderOfUser(folder: string): boolean {
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
