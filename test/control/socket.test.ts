import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, rmSync, statSync, symlinkSync } from 'node:fs';
import { connect, createServer, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ensurePrivateFolder, socketFolder, socketFolders, socketPathCandidates, socketPathFor } from '../../src/control/socket-path.js';
import { runTfui, startTfui, type Running } from '../helpers/cli.js';
import { killMatching, processesMatching, uniqueMarker } from '../helpers/processes.js';
import { useProjects } from '../helpers/project.js';
import { waitFor } from '../helpers/wait-for.js';

/** The control socket itself: where it lives, who can open it, what a stale one does, and the protocol's edges. */

const project = useProjects();
const marker = uniqueMarker('tfuisock');
const started: Running[] = [];
const cleanups: Array<() => void> = [];
const sleeper = `exec perl -e '$SIG{TERM}=sub{exit 0}; print "ready\\n"; sleep 1000' -- ${marker}`;

async function runningTfui(procfile = `web: ${sleeper}\n`) {
  const dir = project({ Procfile: procfile });
  const tfui = startTfui(['start', '-t', '1'], { cwd: dir });
  started.push(tfui);
  await waitFor(() => tfui.stdout().includes('ready'), { describe: () => tfui.stdout() + tfui.stderr() });
  const path = socketPathFor({ procfilePath: join(dir, 'Procfile'), root: dir });
  return { dir, tfui, path };
}

afterEach(async () => {
  for (const tfui of started.splice(0)) {
    tfui.child.kill('SIGKILL');
    await tfui.exited;
  }
  for (const cleanup of cleanups.splice(0)) cleanup();
  killMatching(marker);
});

/** A raw protocol client: every frame it receives, one JSON object per line. */
function rawClient(path: string) {
  const socket = connect(path);
  socket.setEncoding('utf8');
  const frames: Array<Record<string, unknown>> = [];
  let buffered = '';
  socket.on('data', (chunk: string) => {
    buffered += chunk;
    let end: number;
    while ((end = buffered.indexOf('\n')) >= 0) {
      frames.push(JSON.parse(buffered.slice(0, end)) as Record<string, unknown>);
      buffered = buffered.slice(end + 1);
    }
  });
  cleanups.push(() => socket.destroy());
  const send = (message: object) => socket.write(`${JSON.stringify(message)}\n`);
  return { socket, frames, send };
}

describe('where the socket lives', () => {
  it('is in a folder of mode 0700 owned by the user, and the socket itself is 0600', async () => {
    const { path } = await runningTfui();
    const folder = statSync(dirname(path));
    expect(folder.mode & 0o777).toBe(0o700);
    expect(folder.uid).toBe(process.getuid?.());
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(statSync(path).isSocket()).toBe(true);
    expect(dirname(path)).toBe(socketFolder());
  });

  it('refuses a folder that others can open, a symbolic link, or one that is not the user\'s', () => {
    const base = mkdtempSync(join(tmpdir(), 'tfui-folder-'));
    cleanups.push(() => rmSync(base, { recursive: true, force: true }));
    const open = join(base, 'open');
    mkdirSync(open);
    chmodSync(open, 0o755);
    expect(() => ensurePrivateFolder(open)).toThrow(/is open to others \(mode 755\).*refuses to use it/);
    const link = join(base, 'link');
    symlinkSync(base, link);
    expect(() => ensurePrivateFolder(link)).toThrow(/is a symbolic link/);
    if (process.getuid?.() === 0) {
      const theirs = join(base, 'theirs');
      mkdirSync(theirs, { mode: 0o700 });
      spawnSync('chown', ['65534', theirs]);
      expect(() => ensurePrivateFolder(theirs)).toThrow(/belongs to uid 65534/);
    }
    const fresh = join(base, 'fresh');
    ensurePrivateFolder(fresh);
    expect(statSync(fresh).mode & 0o777).toBe(0o700);
  });

  it('is named from the project, so a symlinked path finds the same one; a folder too long to bind in is passed over', () => {
    const dir = project({ Procfile: 'web: true\n' });
    const linked = join(tmpdir(), `tfui-link-${process.pid}-${Date.now()}`);
    symlinkSync(dir, linked);
    cleanups.push(() => rmSync(linked, { force: true }));
    expect(socketPathFor({ procfilePath: join(linked, 'Procfile'), root: linked })).toBe(socketPathFor({ procfilePath: join(dir, 'Procfile'), root: dir }));
    expect(socketPathFor({ procfilePath: join(dir, 'Procfile'), root: dir })).not.toBe(socketPathFor({ procfilePath: join(dir, 'Procfile.dev'), root: dir }));
    const runtime = mkdtempSync(join(tmpdir(), `tfui-${'x'.repeat(90)}-`));
    cleanups.push(() => rmSync(runtime, { recursive: true, force: true }));
    chmodSync(runtime, 0o700);
    // A runtime folder too long to bind a socket in is passed over for /tmp.
    expect(socketPathCandidates({ procfilePath: join(dir, 'Procfile'), root: dir }, { XDG_RUNTIME_DIR: runtime })).toEqual([socketPathFor({ procfilePath: join(dir, 'Procfile'), root: dir }, {})]);
    expect(socketFolders({ XDG_RUNTIME_DIR: runtime, TMPDIR: '/var/tmp/x' })).toEqual([join(runtime, 'tfui'), `/tmp/tfui-${process.getuid?.()}`, `/var/tmp/x/tfui-${process.getuid?.()}`]);
  });
});

describe('one tfui per project', () => {
  it('a second tfui says in one line that one is running, with its pid, exits 1 and starts nothing', async () => {
    const { dir, tfui } = await runningTfui();
    const second = await runTfui(['start'], { cwd: dir });
    expect(second.code).toBe(1);
    expect(second.stderr).toBe(`tfui: another tfui is running for this project (pid ${tfui.child.pid}): see it with \`tfui status\`, stop it with \`tfui quit\`\n`);
    expect(second.stdout).toBe('');
    expect(processesMatching(marker, { programsOnly: true })).toHaveLength(1);
  });

  it('after kill -9 of tfui, the socket it left does not block the next start, which answers', async () => {
    const { dir, tfui, path } = await runningTfui();
    tfui.child.kill('SIGKILL');
    await tfui.exited;
    expect(existsSync(path)).toBe(true);
    // Its process dies of the pty's hang-up.
    await waitFor(() => processesMatching(marker).length === 0);
    const next = startTfui(['start', '-t', '1'], { cwd: dir });
    started.push(next);
    await waitFor(() => next.stdout().includes('ready'), { describe: () => next.stdout() + next.stderr() });
    const status = await runTfui(['status', '--json'], { cwd: dir });
    expect(status.code).toBe(0);
    expect((JSON.parse(status.stdout) as { pid: number }).pid).toBe(next.child.pid);
  });

  it('a verb with little of the environment (as an MCP client starts tfui mcp) finds a tfui started with TMPDIR', async () => {
    const temp = mkdtempSync(join(tmpdir(), 'tfui-tmpdir-'));
    cleanups.push(() => rmSync(temp, { recursive: true, force: true }));
    const dir = project({ Procfile: `web: ${sleeper}\n` });
    const tfui = startTfui(['start'], { cwd: dir, env: { TMPDIR: temp } });
    started.push(tfui);
    await waitFor(() => tfui.stdout().includes('ready'), { describe: () => tfui.stdout() + tfui.stderr() });
    const status = await runTfui(['status', '--json'], { cwd: dir, env: { TMPDIR: '' } });
    expect(status.code).toBe(0);
    expect((JSON.parse(status.stdout) as { pid: number }).pid).toBe(tfui.child.pid);
  });

  it('with nothing running, a verb says so in one line and exits 1 at once', async () => {
    const dir = project({ Procfile: 'web: true\n' });
    const began = Date.now();
    const status = await runTfui(['status'], { cwd: join(dir) });
    expect(status).toMatchObject({ code: 1, stdout: '', stderr: 'tfui: no tfui is running for Procfile\n' });
    // Generous for a loaded machine: the point is no wait for a timeout.
    expect(Date.now() - began).toBeLessThan(3000);
    const none = await runTfui(['restart', 'web'], { cwd: tmpdir() });
    expect(none.code).toBe(1);
    expect(none.stderr).toMatch(/^tfui: no Procfile in .* or any folder above it/);
  });
});

describe('who can reach it', () => {
  it.skipIf(process.getuid?.() !== 0)('another user cannot connect (run as nobody); the owner can', async () => {
    const { path } = await runningTfui();
    const probe = `require('net').connect(${JSON.stringify(path)}).on('connect', () => { console.log('connected'); process.exit(0) }).on('error', (e) => { console.log(e.code); process.exit(0) })`;
    const asNobody = spawnSync('setpriv', ['--reuid=65534', '--regid=65534', '--clear-groups', process.execPath, '-e', probe], { encoding: 'utf8' });
    expect(asNobody.stdout.trim()).toBe('EACCES');
    const asOwner = spawnSync(process.execPath, ['-e', probe], { encoding: 'utf8' });
    expect(asOwner.stdout.trim()).toBe('connected');
  });

  it('tfui listens on no TCP port: its only listening socket is the unix one', async () => {
    const { tfui, path } = await runningTfui();
    const pid = tfui.child.pid as number;
    const inodes = readdirSync(`/proc/${pid}/fd`).flatMap((fd) => {
      try {
        return [/^socket:\[(\d+)\]$/.exec(readlinkSync(`/proc/${pid}/fd/${fd}`))?.[1]].filter((x): x is string => x !== undefined);
      } catch {
        return [];
      }
    });
    const tcp = ['/proc/net/tcp', '/proc/net/tcp6'].flatMap((file) => readFileSync(file, 'utf8').split('\n').slice(1).map((line) => line.trim().split(/\s+/)[9]));
    expect(inodes.filter((inode) => tcp.includes(inode))).toEqual([]);
    // The check sees sockets at all: the control socket is among tfui's.
    // (It was bound under a name of its own in the same folder, then linked to its path.)
    const unix = readFileSync('/proc/net/unix', 'utf8').split('\n').filter((line) => line.endsWith(join(dirname(path), `.${pid}.sock`)));
    expect(unix.some((line) => inodes.includes(line.trim().split(/\s+/)[6] as string))).toBe(true);
  });
});

describe('the protocol', () => {
  it('says hello with its version; a client of another version gets a clear error', async () => {
    const { path, tfui } = await runningTfui();
    const client = rawClient(path);
    await waitFor(() => client.frames.length >= 1);
    expect(client.frames[0]).toMatchObject({ type: 'hello', protocol: 1, pid: tfui.child.pid });
    client.send({ type: 'hello', protocol: 99, client: 'shell' });
    await waitFor(() => client.frames.length >= 2);
    expect(client.frames[1]).toEqual({ type: 'error', error: { code: 'protocol', message: 'this tfui speaks control protocol 1, the client 99: use the same tfui version for both' } });
  });

  it('a verb that meets a tfui of another protocol version says so in one line', async () => {
    const dir = project({ Procfile: 'web: true\n' });
    const path = socketPathFor({ procfilePath: join(dir, 'Procfile'), root: dir });
    ensurePrivateFolder(dirname(path));
    const server = createServer((socket) => socket.write(`${JSON.stringify({ type: 'hello', protocol: 2, tfui: '9.0.0', pid: 4242, procfile: '', root: '' })}\n`));
    await new Promise<void>((resolve) => server.listen(path, resolve));
    cleanups.push(() => server.close());
    const status = await runTfui(['status'], { cwd: dir });
    expect(status).toMatchObject({ code: 1, stderr: 'tfui: the running tfui (9.0.0, pid 4242) speaks control protocol 2 and this one 1: use the same tfui version for both\n' });
  });

  it('answers requests in order with their ids, and a bad request with an error, not a silence', async () => {
    const { path } = await runningTfui();
    const client = rawClient(path);
    client.send({ type: 'hello', protocol: 1, client: 'shell' });
    client.send({ id: 1, method: 'status' });
    client.send({ id: 2, method: 'restart', params: { targets: 'web' } });
    client.send({ id: 3, method: 'fly' });
    client.send({ id: 4, method: 'logs', params: { targets: ['web'] } });
    await waitFor(() => client.frames.length >= 5);
    expect(client.frames.slice(1).map((f) => [f['id'], f['ok']])).toEqual([
      [1, true],
      [2, false],
      [3, false],
      [4, true],
    ]);
    expect(client.frames[2]).toMatchObject({ error: { code: 'refused', message: expect.stringMatching(/^restart: targets: /) } });
    expect(client.frames[3]).toMatchObject({ error: { code: 'refused', message: 'unknown method "fly"' } });
    expect(client.frames[4]).toMatchObject({ result: { lines: [{ instance: 'web.1', seq: 1, text: 'ready' }] } });
  });

  it('a subscriber that does not read gets a "dropped" count, and never slows the processes', async () => {
    const lines = 60_000;
    const flood = `exec perl -e '$|=1; print "flood $_ ".("x" x 80)."\\n" for 1..${lines}; print "flood done\\n"; sleep 1000' -- ${marker}`;
    const dir = project({ Procfile: `web: ${sleeper}\nflood: sleep 0.5; ${flood}\n` });
    const tfui = startTfui(['start', '-t', '1'], { cwd: dir });
    started.push(tfui);
    await waitFor(() => tfui.stdout().includes('ready'));
    const client = rawClient(socketPathFor({ procfilePath: join(dir, 'Procfile'), root: dir }));
    client.send({ type: 'hello', protocol: 1, client: 'shell' });
    client.send({ id: 1, method: 'subscribe', params: { output: { targets: ['flood'] } } });
    await waitFor(() => client.frames.some((f) => f['id'] === 1));
    (client.socket as Socket).pause();
    // tfui's own output (foreman's lines) gets every line while the subscriber reads nothing.
    await waitFor(() => tfui.stdout().includes('flood done'), { timeoutMs: 20_000 });
    expect(tfui.stdout().match(/flood\.1 \| flood \d+ /g)).toHaveLength(lines);
    client.socket.resume();
    await waitFor(() => client.frames.some((f) => f['type'] === 'dropped'), { timeoutMs: 20_000 });
    const dropped = client.frames.find((f) => f['type'] === 'dropped') as { count: number };
    const received = client.frames.filter((f) => f['type'] === 'output').reduce((n, f) => n + (f['lines'] as unknown[]).length, 0);
    expect(dropped.count).toBeGreaterThan(0);
    expect(received + dropped.count).toBeLessThanOrEqual(lines + 1);
  });
});
