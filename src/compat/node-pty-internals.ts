import { createRequire } from 'node:module';
import type { IPty } from 'node-pty';

/**
 * node-pty 1.1's private parts that tfui's end-of-output handling uses
 * (src/engine/pty-process.ts says why): the native `fork`, whose exit callback
 * comes before node-pty's own exit handling; the slave's path (`_pty`); and the
 * socket on the master (`_socket`), which node-pty destroys 200 ms after an exit.
 * Each has a fallback: without it, node-pty's own (lossy) handling applies.
 */
type NativeExit = (code: number, signal: number) => void;
type NativeFork = (...args: unknown[]) => unknown;
interface NativePty {
  fork: NativeFork;
  __tfuiHooked?: boolean;
}

let nextExitHook: NativeExit | undefined;
let nativeHooked: boolean | undefined;

/** Wraps the native fork once, so the exit callback of the next spawn can be seen first. False in another node-pty. */
export function hooksNativeExit(): boolean {
  // Once per process: resolving node-pty's files again on every spawn cost ~0.3 ms each.
  if (nativeHooked !== undefined) return nativeHooked;
  nativeHooked = false;
  let native: NativePty;
  try {
    const require = createRequire(import.meta.url);
    const utils = require('node-pty/lib/utils') as { loadNativeModule(name: string): { module: NativePty } };
    native = utils.loadNativeModule('pty').module;
  } catch {
    return false; // A different node-pty layout.
  }
  if (typeof native.fork !== 'function') return false;
  nativeHooked = true;
  if (native.__tfuiHooked) return true;
  const fork = native.fork.bind(native);
  native.fork = (...args: unknown[]) => {
    const hook = nextExitHook;
    nextExitHook = undefined;
    const onexit = args[args.length - 1] as NativeExit;
    if (hook) {
      args[args.length - 1] = (code: number, signal: number) => {
        hook(code, signal);
        onexit(code, signal);
      };
    }
    return fork(...args);
  };
  native.__tfuiHooked = true;
  return true;
}

/** Runs `spawn` (a node-pty spawn) so that `onExit` hears of its process's exit from the native callback, before node-pty does. */
export function spawnWithNativeExit<T>(spawn: () => T, onExit: NativeExit): T {
  hooksNativeExit();
  nextExitHook = onExit;
  try {
    return spawn();
  } finally {
    nextExitHook = undefined;
  }
}

function internalsOf(pty: IPty): { _socket?: { destroy?: unknown }; _pty?: unknown } {
  return pty as unknown as { _socket?: { destroy?: unknown }; _pty?: unknown };
}

/** The path of the pty's slave side (`/dev/pts/N`), for tfui to hold open; undefined in another node-pty. */
export function ptySlavePath(pty: IPty): string | undefined {
  const path = internalsOf(pty)._pty;
  return typeof path === 'string' ? path : undefined;
}

/**
 * Takes the closing of the pty's master socket away from node-pty (which
 * would close it 200 ms after the exit, whatever was still unread): its own
 * `destroy` becomes a no-op, and the real one is returned for tfui to call.
 * Undefined in another node-pty.
 */
export function takeOverSocketClose(pty: IPty): (() => void) | undefined {
  const socket = internalsOf(pty)._socket;
  if (!socket || typeof socket.destroy !== 'function') return undefined;
  const destroy = (socket.destroy as () => void).bind(socket);
  socket.destroy = () => {};
  return destroy;
}
