import { readFileSync } from 'node:fs';
import { createServer, type AddressInfo, type Server } from 'node:net';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import * as portCheck from '../../src/engine/port-check.js';
import { PLATFORM_VARIABLE } from '../../src/platform/index.js';
import { killMatching, uniqueMarker } from '../helpers/processes.js';
import { supervise } from '../helpers/supervised.js';

let marker = '';
let running: ReturnType<typeof supervise> | undefined;
let server: Server | undefined;

/** This process's name as the OS reports it (`node`, unless something renamed it). */
const ownName = readFileSync('/proc/self/comm', 'latin1').trim();

/** A TCP server in this test process on a free port the OS picked. */
async function listen(host?: string): Promise<number> {
  const s = createServer();
  server = s;
  await new Promise<void>((resolve, reject) => {
    s.once('error', reject);
    if (host) s.listen(0, host, resolve);
    else s.listen(0, resolve);
  });
  return (s.address() as AddressInfo).port;
}

/** A port nothing listens on: one the OS just handed out and took back. */
async function freePort(): Promise<number> {
  const port = await listen('127.0.0.1');
  await closeServer();
  return port;
}

async function closeServer(): Promise<void> {
  const s = server;
  server = undefined;
  if (s) await new Promise<void>((resolve) => s.close(() => resolve()));
}

afterEach(async () => {
  await running?.cleanup();
  running = undefined;
  killMatching(marker);
  await closeServer();
});

describe.each(['linux-proc', 'portable'])('who holds a port (%s)', (platformName) => {
  marker = uniqueMarker('tfuiport');
  // Each test gets the module as a new tfui process would: no reading of the socket tables yet, its platform chosen afresh.
  let { describePortHolder, findPortHolder, mentionsAddressInUse } = portCheck;
  beforeEach(async () => {
    vi.stubEnv(PLATFORM_VARIABLE, platformName);
    vi.resetModules();
    ({ describePortHolder, findPortHolder, mentionsAddressInUse } = await import('../../src/engine/port-check.js'));
    const { currentPlatform } = await import('../../src/platform/index.js');
    expect(currentPlatform().name).toBe(platformName);
  });
  afterEach(() => {
    vi.unstubAllEnvs();
  });

  it('finds this process listening on a port (IPv6 wildcard)', async () => {
    const port = await listen();
    expect(await findPortHolder(port)).toEqual({ port, pid: process.pid, name: ownName });
    expect(ownName).toMatch(/node/);
  });

  it('finds this process listening on a port (IPv4 loopback)', async () => {
    const port = await listen('127.0.0.1');
    expect(await findPortHolder(port)).toEqual({ port, pid: process.pid, name: ownName });
  });

  it('says a free port is free', async () => {
    expect(await findPortHolder(await freePort())).toBeNull();
  });

  it('sees a port taken right after a lookup found it free', async () => {
    // The answer is about now: a reading from a moment ago must not hide a new listener.
    const port = await freePort();
    expect(await findPortHolder(port)).toBeNull();
    server = createServer();
    const s = server;
    await new Promise<void>((resolve) => s.listen(port, '127.0.0.1', resolve));
    expect(await findPortHolder(port)).toEqual({ port, pid: process.pid, name: ownName });
  });

  it('forgets the holder once it stops listening', async () => {
    const port = await listen();
    expect(await findPortHolder(port)).not.toBeNull();
    await closeServer();
    expect(await findPortHolder(port)).toBeNull();
  });

  it('describes the holder as PORT in use by NAME (pid N)', async () => {
    const port = await listen();
    const holder = await findPortHolder(port);
    expect(holder && describePortHolder(holder)).toBe(`${port} in use by ${ownName} (pid ${process.pid})`);
    expect(describePortHolder({ port: 5200, pid: 812, name: 'nginx' })).toBe('5200 in use by nginx (pid 812)');
    expect(describePortHolder({ port: 5200, pid: null, name: null })).toBe('5200 in use by another process');
  });

  it('recognises a process\'s last words about a taken address', () => {
    const table: Array<[string[], boolean]> = [
      [['Error: listen EADDRINUSE: address already in use :::5000'], true],
      [['starting', 'OSError: [Errno 98] Address already in use', 'bye'], true],
      [['listen tcp :5000: bind: address already in use'], true],
      [['errno: eaddrinuse'], true],
      [['Error: connect ECONNREFUSED 127.0.0.1:5432'], false],
      [['address in use'], false],
      [[], false],
    ];
    for (const [lines, expected] of table) expect(mentionsAddressInUse(lines), JSON.stringify(lines)).toBe(expected);
  });
});

describe('port conflicts through the supervisor', () => {
  // These share one supervisor module with this file's import of it; the taken port's test comes first, before any lookup.
  it('names this process when an instance\'s PORT is taken, right after its start, and keeps it in the snapshot', async () => {
    const port = await listen();
    running = supervise(`web: echo "port=$PORT"; perl -e 'sleep 1000' -- ${marker}\n`, { port: String(port) });
    running.supervisor.start();
    const s = running;
    const conflict = await s.waitForEvent('portInUse', 'web.1');
    const spawned = s.events.find((e) => e.type === 'spawned');
    const message = `${port} in use by ${ownName} (pid ${process.pid})`;
    expect(conflict).toMatchObject({ type: 'portInUse', id: 'web.1', port, message });
    expect(spawned?.port).toBe(port);
    await s.waitForOutput('web.1', new RegExp(`port=${port}`));
    // The process starts anyway: the conflict is said, not enforced.
    expect(s.instance('web.1')).toMatchObject({ state: 'running', port, portConflict: message });
  });

  it('says nothing of a port that is free', async () => {
    const port = await freePort();
    running = supervise(`web: perl -e 'sleep 1000' -- ${marker}\n`, { port: String(port) });
    running.supervisor.start();
    await running.waitForEvent('spawned', 'web.1');
    // Ours shares the instance's reading or begins after it; a turn of the loop later the instance has its answer too.
    expect(await portCheck.findPortHolder(port)).toBeNull();
    await new Promise((resolve) => setImmediate(resolve));
    expect(running.events.filter((e) => e.type === 'portInUse')).toEqual([]);
    expect(running.instance('web.1')?.portConflict).toBeNull();
  });

  it('reads EADDRINUSE in the last words of a crash as a port conflict', async () => {
    const port = await freePort();
    running = supervise(`web: echo "Error: listen EADDRINUSE: address already in use :::$PORT"; exit 1 # ${marker}\n`, { port: String(port), lastLines: true });
    running.supervisor.start();
    const exited = await running.waitForEvent('exited', 'web.1');
    expect(exited.state).toBe('crashed');
    const conflict = running.events.find((e) => e.type === 'portInUse');
    expect(conflict).toMatchObject({ id: 'web.1', port, message: `${port} was in use (EADDRINUSE)` });
    expect(running.instance('web.1')?.portConflict).toBe(`${port} was in use (EADDRINUSE)`);
  });
});
