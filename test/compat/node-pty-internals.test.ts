import { closeSync, constants as fsConstants, openSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { spawn, type IPty } from 'node-pty';
import { afterEach, describe, expect, it } from 'vitest';
import { hooksNativeExit, ptySlavePath, spawnWithNativeExit, takeOverSocketClose } from '../../src/compat/node-pty-internals.js';
import nodePtyPackage from '../../node_modules/node-pty/package.json' with { type: 'json' };
import { waitFor } from '../helpers/wait-for.js';

const version = nodePtyPackage.version;
const started: IPty[] = [];
const opened: number[] = [];
afterEach(() => {
  for (const fd of opened.splice(0)) closeSync(fd);
  for (const pty of started.splice(0)) {
    try {
      pty.kill('SIGKILL');
    } catch {
      // Already gone.
    }
  }
});

function shell(script: string): IPty {
  const pty = spawn('/bin/sh', ['-c', script], { cols: 40, rows: 5, cwd: tmpdir(), env: { PATH: process.env['PATH'] ?? '/usr/bin:/bin' } });
  started.push(pty);
  return pty;
}

describe(`node-pty ${version}'s private parts that tfui's end-of-output handling uses`, () => {
  it('has a native fork that src/compat/node-pty-internals.ts can wrap (if this fails, the last output of an exiting process can be lost again)', () => {
    expect(hooksNativeExit(), `node-pty ${version}: lib/utils loadNativeModule('pty').module.fork is gone`).toBe(true);
  });

  it('calls the native exit hook with the exit code, before node-pty reports the exit', async () => {
    const order: string[] = [];
    const pty = spawnWithNativeExit(
      () => shell('exit 3'),
      (code) => order.push(`native ${code}`),
    );
    pty.onExit(({ exitCode }) => order.push(`node-pty ${exitCode}`));
    await waitFor(() => order.length === 2, { describe: () => order.join(', ') });
    expect(order).toEqual(['native 3', 'node-pty 3']);
  });

  it('hooks only the spawn it was given', async () => {
    const heard: number[] = [];
    spawnWithNativeExit(
      () => shell('exit 4'),
      (code) => heard.push(code),
    );
    const other = shell('exit 5');
    const otherExited = new Promise((resolve) => other.onExit(resolve));
    await waitFor(() => heard.length > 0);
    await otherExited;
    expect(heard).toEqual([4]);
  });

  it("names the slave's path, a pty device tfui can open", () => {
    const path = ptySlavePath(shell('exec sleep 30'));
    expect(path, `node-pty ${version}: IPty._pty (the slave's path) is gone`).toMatch(/^\/dev\/pts\/\d+$/);
    expect(statSync(path!).isCharacterDevice()).toBe(true);
    opened.push(openSync(path!, fsConstants.O_RDWR | fsConstants.O_NOCTTY | fsConstants.O_NONBLOCK));
  });

  it("hands over the master socket's close: node-pty's destroy does nothing, the returned one ends the pty and node-pty reports the exit", async () => {
    const pty = shell('exit 0');
    let exited = false;
    pty.onExit(() => {
      exited = true;
    });
    const destroy = takeOverSocketClose(pty);
    expect(destroy, `node-pty ${version}: IPty._socket.destroy is gone`).toBeTypeOf('function');
    const socket = (pty as unknown as { _socket: { destroy(): void; destroyed: boolean } })._socket;
    socket.destroy();
    expect(socket.destroyed).toBe(false);
    destroy!();
    expect(socket.destroyed).toBe(true);
    await waitFor(() => exited);
  });

  it('falls back, without throwing, on a pty without these parts', () => {
    const bare = {} as IPty;
    expect(ptySlavePath(bare)).toBeUndefined();
    expect(takeOverSocketClose(bare)).toBeUndefined();
  });
});
