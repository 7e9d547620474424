import { EventEmitter } from 'node:events';
import { afterEach, describe, expect, it } from 'vitest';
import { loadAppConfig } from '../../src/config/index.js';
import { Engine, type SupervisorEvent } from '../../src/engine/index.js';
import { killMatching, processesMatching, uniqueMarker } from '../helpers/processes.js';
import { makeProject } from '../helpers/project.js';
import { waitFor } from '../helpers/wait-for.js';

/** The engine's one owner: commands checked before they act, one quit procedure, signals, logs. */

const marker = uniqueMarker('tfuiowner');
const stubborn = `perl -e '$SIG{TERM}=$SIG{HUP}="IGNORE"; $|=1; print "ready\\n"; sleep 1000' -- ${marker}`;
let engines: Engine[] = [];
let removers: Array<() => void> = [];

function engineFor(procfile: string, formation?: string) {
  const project = makeProject({ Procfile: procfile });
  removers.push(project.remove);
  const app = loadAppConfig({ timeout: 2, ...(formation ? { formation } : {}) }, project.dir, process.env);
  const events: SupervisorEvent[] = [];
  const engine = new Engine(app, { sinkFor: () => ({ write: () => {}, flush: () => {} }) });
  engine.subscribe((event) => event && events.push(event));
  engines.push(engine);
  engine.start();
  return { engine, events };
}

afterEach(async () => {
  for (const engine of engines) {
    engine.quit('tfui', true);
    await engine.stopped;
  }
  engines = [];
  for (const remove of removers) remove();
  removers = [];
  killMatching(marker);
});

describe('Engine', () => {
  it('checks every name of a command before any of it applies', async () => {
    const { engine } = engineFor(`web: ${stubborn}\nworker: ${stubborn}\n`, 'web=2,worker=0');
    await waitFor(() => engine.outputLog('web.2')?.read().lines.length);
    await expect(engine.command({ kind: 'restart', targets: ['web.1', 'nope'] }, 'shell')).rejects.toThrow('restart nope: no such process type or instance (types: web, worker)');
    await expect(engine.command({ kind: 'stop', targets: ['worker'] }, 'shell')).rejects.toThrow('stop worker: worker is scaled to 0 (tfui scale worker=1 starts one)');
    await expect(engine.command({ kind: 'stop', targets: ['web.3'] }, 'shell')).rejects.toThrow('stop web.3: web has 2 instances now');
    await expect(engine.command({ kind: 'scale', counts: [['web', 1], ['worker', 500]] }, 'shell')).rejects.toThrow('cannot scale worker to 500: use 0 to 100');
    expect(engine.snapshot().formation).toEqual([
      { processType: 'web', count: 2 },
      { processType: 'worker', count: 0 },
    ]);
    expect(engine.events().filter((e) => e.type === 'restartRequested' || e.type === 'stopRequested' || e.type === 'scaled')).toEqual([]);
  });

  it('records who asked: a remote scale and stop carry their origin into the events', async () => {
    const { engine, events } = engineFor(`web: ${stubborn}\n`);
    await engine.command({ kind: 'scale', counts: [['web', 2]] }, 'agent');
    await waitFor(() => engine.outputLog('web.2')?.read().lines.length);
    engine.quit('shell');
    expect(events.find((e) => e.type === 'scaled')).toMatchObject({ processType: 'web', from: 1, to: 2, origin: 'agent' });
    expect(events.filter((e) => e.type === 'stopRequested').map((e) => [e.id, e.processType, e.number, e.reason, 'origin' in e && e.origin])).toEqual([
      ['web.1', 'web', 1, 'shutdown', 'shell'],
      ['web.2', 'web', 2, 'shutdown', 'shell'],
    ]);
  });

  it('quits once gracefully, kills at the second request, and takes no command meanwhile', async () => {
    const { engine, events } = engineFor(`web: ${stubborn}\n`);
    await waitFor(() => engine.outputLog('web.1')?.read().lines.length);
    expect(engine.quit('screen')).toBe('graceful');
    await expect(engine.command({ kind: 'restart', targets: ['web'] }, 'shell')).rejects.toThrow('tfui is stopping every process: no new commands');
    expect(engine.quitting).toBe('graceful');
    expect(engine.quit('screen')).toBe('forced');
    await engine.stopped;
    expect(events.filter((e) => e.type === 'shutdown').map((e) => 'phase' in e && e.phase)).toEqual(['graceful', 'forced']);
    expect(processesMatching(marker)).toEqual([]);
  });

  it('turns SIGINT, SIGTERM and SIGHUP into the quit, the second one forced, and tells the door first', async () => {
    const { engine } = engineFor(`web: ${stubborn}\n`);
    await waitFor(() => engine.outputLog('web.1')?.read().lines.length);
    const signals = new EventEmitter();
    const told: string[] = [];
    const stop = engine.quitOnSignals(signals as unknown as NodeJS.Process, (signal, phase) => told.push(`${signal} ${phase} ${engine.quitting}`));
    signals.emit('SIGHUP', 'SIGHUP');
    signals.emit('SIGINT', 'SIGINT');
    await engine.stopped;
    expect(told).toEqual(['SIGHUP graceful null', 'SIGINT forced graceful']);
    stop();
    expect(signals.listenerCount('SIGTERM')).toBe(0);
  });

  it('keeps each instance\'s output as plain lines for readers, across its restarts', async () => {
    const { engine } = engineFor(`web: printf '\\033[32mstarted %s\\033[0m\\n' $PS; exec ${stubborn}\n`);
    await waitFor(() => engine.outputLog('web.1')?.read().lines.length === 2);
    await engine.command({ kind: 'restart', targets: ['web.1'] }, 'shell');
    await waitFor(() => engine.outputLog('web.1')?.read().lines.length === 4);
    expect(engine.outputLog('web.1')?.read().lines.map((l) => [l.seq, l.text])).toEqual([
      [1, 'started web.1'],
      [2, 'ready'],
      [3, 'started web.1'],
      [4, 'ready'],
    ]);
    expect(engine.loggedInstances()).toEqual([{ id: 'web.1', processType: 'web', number: 1 }]);
  });
});
