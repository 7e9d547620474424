/**
 * `tfui mcp` as a coding agent meets it: an MCP client from the official SDK
 * spawns the REAL built CLI (`node bin/tfui.js mcp`) over stdio, in a temp
 * project whose tfui runs in line mode in another process; every answer is
 * read as the agent reads it (the tool's text).
 *
 * Every Procfile line carries a unique marker; afterEach closes the client
 * (the `tfui mcp` process must be gone), stops tfui with SIGTERM and checks
 * that nothing with the marker survives. Nothing sleeps for a fixed time.
 */
import { describe, expect, it } from 'vitest';
import { CONTROL_TOOLS, type InstanceRow, READ_TOOLS, SLEEP, TICKER, call, connectAgent, expectConsecutive, getLogs, newestLine, numbers, ok, project, startLineMode, useMcpCleanup, waitUntilRunning } from '../helpers/mcp-agent.js';
import { runTfui } from '../helpers/cli.js';
import { processesMatching } from '../helpers/processes.js';
import { waitFor } from '../helpers/wait-for.js';

useMcpCleanup();

describe('the tools an agent is offered', () => {
  it('are the four read tools without --allow-control, and restart, stop and scale too with it', async () => {
    const { dir } = project(`web: ${SLEEP}\n`);
    const reader = await connectAgent(dir);
    const readTools = (await reader.client.listTools()).tools;
    expect(readTools.map((t) => t.name).sort()).toEqual(READ_TOOLS);
    // Each says what it does, and the read tools say they only read.
    for (const tool of readTools) {
      expect(tool.description?.length ?? 0, tool.name).toBeGreaterThan(20);
      expect(tool.annotations?.readOnlyHint, tool.name).toBe(true);
    }
    expect(reader.client.getInstructions()).toMatch(/restart, stop and scale need `tfui mcp --allow-control`/);

    const controller = await connectAgent(dir, { allowControl: true });
    expect((await controller.client.listTools()).tools.map((t) => t.name).sort()).toEqual([...READ_TOOLS, ...CONTROL_TOOLS].sort());
    expect(controller.client.getInstructions()).not.toMatch(/need `tfui mcp --allow-control`/);
  });
});

describe('reading a running tfui (line mode)', () => {
  it('list_processes shows every instance with its state, pid and PORT, as tfui status --json does', async () => {
    const { dir, marker } = project(`web: ${SLEEP}\nworker: ${SLEEP}\n`);
    const tfui = startLineMode(dir, ['-m', 'web=2,worker=1']);
    const agent = await connectAgent(dir);
    const rows = await waitUntilRunning(agent, ['web.1', 'web.2', 'worker.1'], tfui);
    expect(rows.map((r) => `${r.id} ${r.state} :${r.port}`)).toEqual(['web.1 running :5000', 'web.2 running :5001', 'worker.1 running :5100']);
    // The pids are those of the instances' programs (each execs its sleeper).
    for (const r of rows) expect(processesMatching(`${marker} ${r.id}`, { programsOnly: true }), r.id).toEqual([r.pid]);
    const status = JSON.parse((await runTfui(['status', '--json'], { cwd: dir })).stdout) as { instances: InstanceRow[] };
    expect(status.instances.map((i) => `${i.id} ${i.pid}`)).toEqual(rows.map((r) => `${r.id} ${r.pid}`));
  });

  it('get_logs: the last lines of an instance, then each page from the cursor holds exactly the lines printed after it', async () => {
    const { dir } = project(`ticker: ${TICKER}\n`);
    const tfui = startLineMode(dir, ['-m', 'ticker=2']);
    const agent = await connectAgent(dir);
    await waitUntilRunning(agent, ['ticker.1', 'ticker.2'], tfui);
    await waitFor(async () => (await newestLine(agent, 'ticker.1')) >= 20, { timeoutMs: 15_000 });

    // The last 10 lines: consecutive, one instance's alone (no prefix), and the newest then.
    const first = await getLogs(agent, { target: 'ticker.1', lines: 10 });
    const seen = numbers(first.lines);
    expect(seen).toHaveLength(10);
    expectConsecutive(seen, 'the last 10 lines');
    expect(first.more).toBe(false);
    expect(await newestLine(agent, 'ticker.1')).toBeGreaterThanOrEqual(seen.at(-1) as number);

    // Let 30 more lines come, so that the next page of 7 is cut by `lines` and says so.
    const from = seen.at(-1) as number;
    await waitFor(async () => (await newestLine(agent, 'ticker.1')) >= from + 30, { timeoutMs: 15_000 });
    let cursor = first.cursor;
    const cut = await getLogs(agent, { target: 'ticker.1', cursor, lines: 7 });
    expect(numbers(cut.lines), 'a page of 7 right after the first read').toEqual([1, 2, 3, 4, 5, 6, 7].map((n) => from + n));
    expect(cut.more, 'a page cut by `lines` says there is more').toBe(true);
    expect(cut.cursor).not.toBe(cursor);
    seen.push(...numbers(cut.lines));
    cursor = cut.cursor;

    // Page on while the ticker keeps printing: no line lost, none repeated, no page over 7.
    const target = from + 80;
    let pages = 0;
    await waitFor(
      async () => {
        const page = await getLogs(agent, { target: 'ticker.1', cursor, lines: 7 });
        pages += 1;
        expect(page.lines.length).toBeLessThanOrEqual(7);
        if (page.lines.length < 7) expect(page.more, 'a short page is the last').toBe(false);
        seen.push(...numbers(page.lines));
        cursor = page.cursor;
        return (seen.at(-1) as number) >= target;
      },
      { timeoutMs: 20_000, intervalMs: 10, describe: () => `read ${seen.length} lines so far, up to ${seen.at(-1)}` },
    );
    expectConsecutive(seen, `${pages + 1} pages after the first read`);
    // A cursor at the newest line: nothing new is repeated.
    const again = await getLogs(agent, { target: 'ticker.1', cursor, lines: 2000 });
    if (again.lines.length > 0) expect(numbers(again.lines)[0]).toBe((seen.at(-1) as number) + 1);
  });

  it('get_logs of a type: the last lines of its instances, prefixed, and paging with the cursor loses no line of either', async () => {
    const { dir } = project(`ticker: ${TICKER}\nweb: ${SLEEP}\n`);
    const tfui = startLineMode(dir, ['-m', 'ticker=2,web=1']);
    const agent = await connectAgent(dir);
    await waitUntilRunning(agent, ['ticker.1', 'ticker.2', 'web.1'], tfui);
    await waitFor(async () => (await newestLine(agent, 'ticker.1')) >= 10 && (await newestLine(agent, 'ticker.2')) >= 10, { timeoutMs: 15_000 });

    const first = await getLogs(agent, { target: 'ticker', lines: 12 });
    expect(first.lines).toHaveLength(12);
    // Only this type's instances, each line with its instance, each instance's lines in order.
    const byInstance = (lines: readonly string[]) => ({
      one: lines.filter((l) => l.startsWith('ticker.1 | ')),
      two: lines.filter((l) => l.startsWith('ticker.2 | ')),
    });
    const { one, two } = byInstance(first.lines);
    expect(one.length + two.length, first.lines.join('\n')).toBe(12);
    expect(one.length, 'both instances are in the last lines').toBeGreaterThan(0);
    expect(two.length, 'both instances are in the last lines').toBeGreaterThan(0);
    const seen1 = numbers(one, 'ticker.1 | ');
    const seen2 = numbers(two, 'ticker.2 | ');
    expectConsecutive(seen1, 'ticker.1 in the last lines');
    expectConsecutive(seen2, 'ticker.2 in the last lines');

    // Twenty more lines each wait: the first page of 9 is cut by `lines`.
    const upTo1 = seen1.at(-1) as number;
    const upTo2 = seen2.at(-1) as number;
    await waitFor(async () => (await newestLine(agent, 'ticker.1')) >= upTo1 + 20 && (await newestLine(agent, 'ticker.2')) >= upTo2 + 20, { timeoutMs: 15_000 });
    let cursor = first.cursor;
    let cutPages = 0;
    await waitFor(
      async () => {
        const page = await getLogs(agent, { target: 'ticker', cursor, lines: 9 });
        expect(page.lines.length).toBeLessThanOrEqual(9);
        if (page.more) cutPages += 1;
        const { one: p1, two: p2 } = byInstance(page.lines);
        expect(p1.length + p2.length, page.lines.join('\n')).toBe(page.lines.length);
        seen1.push(...numbers(p1, 'ticker.1 | '));
        seen2.push(...numbers(p2, 'ticker.2 | '));
        cursor = page.cursor;
        return (seen1.at(-1) as number) >= (seen1[0] as number) + 60 && (seen2.at(-1) as number) >= (seen2[0] as number) + 60;
      },
      { timeoutMs: 20_000, intervalMs: 20, describe: () => `ticker.1 up to ${seen1.at(-1)}, ticker.2 up to ${seen2.at(-1)}` },
    );
    expectConsecutive(seen1, 'ticker.1 across the pages');
    expectConsecutive(seen2, 'ticker.2 across the pages');
    expect(cutPages, 'some pages were cut by `lines`').toBeGreaterThan(0);
  });

  it('get_logs with grep: only matching lines, and paging with grep continues where it stopped', async () => {
    const { dir } = project(`ticker: ${TICKER}\n`);
    const tfui = startLineMode(dir);
    const agent = await connectAgent(dir);
    await waitUntilRunning(agent, ['ticker.1'], tfui);
    await waitFor(async () => (await newestLine(agent, 'ticker.1')) >= 30, { timeoutMs: 15_000 });

    const first = await getLogs(agent, { target: 'ticker.1', grep: '7$', lines: 2 });
    const sevens = numbers(first.lines);
    expect(sevens).toHaveLength(2);
    expect(sevens.every((n) => n % 10 === 7), first.lines.join('\n')).toBe(true);
    expect(sevens[1]).toBe((sevens[0] as number) + 10);

    // Five more matches wait: a page of 3 is cut and holds the next three.
    const from = sevens.at(-1) as number;
    await waitFor(async () => (await newestLine(agent, 'ticker.1')) >= from + 50, { timeoutMs: 15_000 });
    const cut = await getLogs(agent, { target: 'ticker.1', grep: '7$', cursor: first.cursor, lines: 3 });
    expect(numbers(cut.lines)).toEqual([from + 10, from + 20, from + 30]);
    expect(cut.more).toBe(true);
    sevens.push(...numbers(cut.lines));

    let cursor = cut.cursor;
    await waitFor(
      async () => {
        const page = await getLogs(agent, { target: 'ticker.1', grep: '7$', cursor, lines: 3 });
        sevens.push(...numbers(page.lines));
        cursor = page.cursor;
        return (sevens.at(-1) as number) >= (sevens[0] as number) + 100;
      },
      { timeoutMs: 20_000, intervalMs: 30 },
    );
    const gaps = sevens.flatMap((n, i) => (i > 0 && n !== (sevens[i - 1] as number) + 10 ? [`${sevens[i - 1]} → ${n}`] : []));
    expect(gaps, `lines ending in 7 lost or repeated: ${sevens.join(' ')}`).toEqual([]);

    // A pattern that is not a regular expression is an error that says so.
    const bad = await call(agent, 'get_logs', { target: 'ticker.1', grep: '(' });
    expect(bad.isError).toBe(true);
    expect(bad.text).toMatch(/bad pattern "\("/);
    // So is an unknown target, naming the types there are.
    const unknown = await call(agent, 'get_logs', { target: 'nope' });
    expect(unknown.isError).toBe(true);
    expect(unknown.text).toMatch(/no process type or instance "nope" \(types: ticker\)/);
  });

  it('search_logs finds lines across instances, each with its instance, and says when nothing matches', async () => {
    const boot = `echo "$PS booting"; echo "$PS ready: MARKER"; ${SLEEP}`;
    const { dir, marker } = project(`web: ${boot}\nworker: ${boot}\nquiet: echo "nothing to see"; ${SLEEP}\n`);
    const tfui = startLineMode(dir, ['-m', 'web=2,worker=1,quiet=1']);
    const agent = await connectAgent(dir);
    await waitUntilRunning(agent, ['web.1', 'web.2', 'worker.1', 'quiet.1'], tfui);
    let text = '';
    await waitFor(async () => (text = await ok(agent, 'search_logs', { pattern: 'ready' })).split('\n').length === 3, {
      timeoutMs: 10_000,
      describe: () => text,
    });
    expect(text.split('\n').sort()).toEqual([`web.1 | web.1 ready: ${marker}`, `web.2 | web.2 ready: ${marker}`, `worker.1 | worker.1 ready: ${marker}`]);
    // Limited to targets, and to the newest `limit` matches.
    expect(await ok(agent, 'search_logs', { pattern: 'booting|ready', targets: ['web.2'] })).toBe(`web.2 | web.2 booting\nweb.2 | web.2 ready: ${marker}`);
    expect((await ok(agent, 'search_logs', { pattern: 'booting', targets: ['web', 'worker'], limit: 2 })).split('\n')).toHaveLength(2);
    expect(await ok(agent, 'search_logs', { pattern: 'no such words' })).toBe('no line matches /no such words/');
  });

  it('get_timeline shows a crash with its exit code and its last lines, then the restart', async () => {
    // Crashes once with exit 3 (its last words first), then runs: on-failure keeps tfui going.
    const crashy = `if [ -e crashed ]; then echo "back again"; ${SLEEP}; fi; touch crashed; echo "loading config"; echo "fatal: no database (MARKER)"; exit 3`;
    const { dir, marker } = project(`web: ${SLEEP}\ncrashy: ${crashy}\n`);
    const tfui = startLineMode(dir, ['-r', 'crashy=on-failure']);
    const agent = await connectAgent(dir);
    const rows = await waitFor(
      async () => {
        const found = await waitUntilRunning(agent, ['web.1', 'crashy.1'], tfui);
        return found.find((r) => r.id === 'crashy.1')?.restarts === 1 ? found : undefined;
      },
      { timeoutMs: 15_000 },
    );
    expect(rows.find((r) => r.id === 'crashy.1')?.lastExit).toMatchObject({ code: 3, signal: null });

    const timeline = await ok(agent, 'get_timeline', {});
    const lines = timeline.split('\n');
    const crashAt = lines.findIndex((l) => /crashy\.1 crashed: exit code 3 after \d+\.\ds$/.test(l));
    expect(crashAt, timeline).toBeGreaterThan(0);
    expect(lines.slice(crashAt + 1, crashAt + 4), timeline).toEqual(['  last lines:', '    loading config', `    fatal: no database (${marker})`]);
    // Oldest first: the start before the crash, the scheduled restart and the new start after it.
    const startAt = lines.findIndex((l) => /crashy\.1 started \(pid \d+, PORT 5100\)$/.test(l));
    const scheduledAt = lines.findIndex((l) => /crashy\.1 restarts in \d+\.\ds \(on-failure, attempt 1\)$/.test(l));
    const restartedAt = lines.findLastIndex((l) => /crashy\.1 started \(pid \d+, PORT 5100\)$/.test(l));
    expect([startAt < crashAt, crashAt < scheduledAt, scheduledAt < restartedAt], timeline).toEqual([true, true, true]);
    expect(lines.at(-1)).toMatch(/^\(next: \d+\)$/);
    for (const line of lines.filter((l) => /^\d{4}-/.test(l))) expect(line).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z /);

    // For one instance, and only what came after an earlier answer's `next`.
    const web = await ok(agent, 'get_timeline', { target: 'web.1' });
    expect(web.split('\n').filter((l) => /^\d{4}-/.test(l)).map((l) => l.replace(/^\S+ /, '').replace(/\d+/g, 'N'))).toEqual(['web.N started (pid N, PORT N)']);
    const next = Number(/\(next: (\d+)\)$/.exec(timeline)?.[1]);
    expect(await ok(agent, 'get_timeline', { after: next })).toBe(`no events\n(next: ${next})`);
  });
});

describe('with no tfui running', () => {
  it('every tool answers at once with an error that says so; a tfui started later is found', async () => {
    const { dir } = project(`web: ${SLEEP}\n`);
    const agent = await connectAgent(dir, { allowControl: true });
    const calls: Array<[string, Record<string, unknown>]> = [
      ['list_processes', {}],
      ['get_logs', { target: 'web' }],
      ['search_logs', { pattern: 'x' }],
      ['get_timeline', {}],
      ['restart', { targets: ['web'] }],
      ['stop', { targets: ['web'] }],
      ['scale', { counts: { web: 2 } }],
    ];
    for (const [name, args] of calls) {
      const started = performance.now();
      const answer = await call(agent, name, args);
      const ms = performance.now() - started;
      expect(answer.isError, name).toBe(true);
      expect(answer.text, name).toBe(`no tfui is running for Procfile; start it with \`tfui\` in ${dir}`);
      expect(ms, `${name} took ${Math.round(ms)} ms`).toBeLessThan(1000);
    }

    // The same session finds a tfui started afterwards: each call connects anew.
    const tfui = startLineMode(dir);
    await waitUntilRunning(agent, ['web.1'], tfui);
  });
});
