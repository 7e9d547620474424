import { instanceEnvironment, resolveInstance, toProcessEnv, UserError, type AppConfig, type ProcessType } from '../config/index.js';
import { Instance } from './instance.js';
import { spawnInPty, type SpawnPty } from './pty-process.js';
import type { CommandOrigin, OutputSink, SupervisorEvent, SupervisorListener, SupervisorSnapshot } from './events.js';
import type { ProcessGuard } from './watchdog.js';

export interface SupervisorOptions {
  /** Where each instance's output goes; called once per instance. */
  sinkFor(instanceId: string, processType: string, number: number): OutputSink;
  spawn?: SpawnPty;
  now?: () => number;
  /** The pty size of new instances until the screen resizes them. */
  size?: { cols: number; rows: number };
  /** TERM for the processes: the screen emulates xterm, whatever the outer terminal is. */
  term?: string;
  /** Told of every process group started and ended (the watchdog). */
  guard?: ProcessGuard;
}

const EVENT_LOG_LIMIT = 10_000;

/** Most instances of one type; foreman's port blocks hold 100. */
export const MAX_INSTANCES_PER_TYPE = 100;

/** A count a type can be scaled to, or a UserError that says which are. */
export function checkScaleCount(processType: string, count: number): void {
  if (!Number.isInteger(count) || count < 0 || count > MAX_INSTANCES_PER_TYPE) {
    throw new UserError(`cannot scale ${processType} to ${count}: use 0 to ${MAX_INSTANCES_PER_TYPE}`);
  }
}

/**
 * Owns every instance of a formation. The screen and the line printer only
 * subscribe to it and call its commands; it knows nothing of either.
 */
export class Supervisor {
  private readonly instances = new Map<string, Instance>();
  private readonly counts = new Map<string, number>();
  private readonly listeners = new Set<SupervisorListener>();
  /** Each instance's commands still being applied, in order: see `inOrder`. */
  private readonly queues = new Map<string, Promise<void>>();
  // Marks this run's processes (to find escapees): unique enough, and no crypto to load at start-up.
  private readonly runId = `${process.pid}-${Math.random().toString(16).slice(2, 10)}`;
  private readonly spawn: SpawnPty;
  private readonly now: () => number;
  private size: { cols: number; rows: number };
  private shuttingDown = false;
  private started = false;
  /** Every event, oldest first: the timeline is a view of it. Bounded, like scrollback. */
  private readonly log: SupervisorEvent[] = [];
  /** Events no longer in the log, oldest first: the log's first event is event number droppedEvents. */
  droppedEvents = 0;

  constructor(
    private readonly app: AppConfig,
    private readonly options: SupervisorOptions,
  ) {
    this.spawn = options.spawn ?? spawnInPty;
    this.now = options.now ?? Date.now;
    this.size = options.size ?? { cols: 80, rows: 24 };
    for (const type of app.types) this.counts.set(type.name, 0);
  }

  /** Starts the formation from the app config (once: later calls do nothing). */
  start(): void {
    if (this.started) return;
    this.started = true;
    for (const type of this.app.types) this.applyCount(type, this.app.formation.get(type.name) ?? 0);
  }

  /** The listener gets the current snapshot at once, then every event: a late subscriber misses nothing. */
  subscribe(listener: SupervisorListener): () => void {
    this.listeners.add(listener);
    listener(null, this.snapshot());
    return () => this.listeners.delete(listener);
  }

  snapshot(): SupervisorSnapshot {
    return {
      formation: this.app.types.map((t) => ({ processType: t.name, count: this.counts.get(t.name) ?? 0 })),
      instances: this.ordered().map((i) => i.snapshot()),
    };
  }

  /** The number of instances the formation wants of a type now. */
  countOf(processType: string): number {
    return this.counts.get(this.typeNamed(processType).name) ?? 0;
  }

  /** Sets the number of instances of a type; new ones get foreman's next PORT, the highest-numbered go first. */
  scale(processType: string, count: number, origin: CommandOrigin = 'tfui'): void {
    const type = this.typeNamed(processType);
    checkScaleCount(type.name, count);
    if (this.shuttingDown) return;
    this.applyCount(type, count, origin);
  }

  /**
   * Scales a type up or down from the count it has now, never below 0. Key
   * presses come faster than a screen shows their effect: each counts from
   * the one before, not from what the screen showed.
   */
  scaleBy(processType: string, delta: number, origin: CommandOrigin = 'tfui'): void {
    const type = this.typeNamed(processType);
    this.scale(type.name, Math.max(0, (this.counts.get(type.name) ?? 0) + delta), origin);
  }

  /** Records the wanted count, then starts or retires instances to match it. */
  private applyCount(type: ProcessType, count: number, origin: CommandOrigin | null = null): void {
    const from = this.counts.get(type.name) ?? 0;
    this.counts.set(type.name, count);
    if (origin !== null && from !== count) this.emit({ type: 'scaled', processType: type.name, at: this.now(), from, to: count, origin });
    // Only the instances the change adds: one the user stopped, or one that gave up, stays as it is.
    for (let n = from + 1; n <= count; n++) {
      const instance = this.instanceOf(type, n);
      void this.inOrder(instance, () => instance.start());
    }
    for (let n = count + 1; n <= from; n++) {
      const instance = this.instances.get(`${type.name}.${n}`);
      if (instance) void this.retire(instance, origin ?? 'tfui');
    }
  }

  restart(instanceId: string, origin: CommandOrigin = 'tfui'): Promise<void> {
    if (this.shuttingDown) return Promise.resolve();
    const instance = this.wantedInstance(instanceId);
    return this.inOrder(instance, () => instance.restart(origin));
  }

  async restartType(processType: string, origin: CommandOrigin = 'tfui'): Promise<void> {
    if (this.shuttingDown) return;
    await Promise.all(this.ofType(processType).map((i) => this.inOrder(i, () => i.restart(origin))));
  }

  stopInstance(instanceId: string, origin: CommandOrigin = 'tfui'): Promise<void> {
    const instance = this.wantedInstance(instanceId);
    return this.inOrder(instance, () => instance.stop('user', origin));
  }

  startInstance(instanceId: string): Promise<void> {
    if (this.shuttingDown) return Promise.resolve();
    const instance = this.wantedInstance(instanceId);
    return this.inOrder(instance, () => instance.start());
  }

  async startType(processType: string): Promise<void> {
    if (this.shuttingDown) return;
    await Promise.all(this.ofType(processType).map((i) => this.inOrder(i, () => i.start())));
  }

  async stopType(processType: string, origin: CommandOrigin = 'tfui'): Promise<void> {
    await Promise.all(this.ofType(processType).map((i) => this.inOrder(i, () => i.stop('user', origin))));
  }

  /**
   * Stops everything; resolves when no process of any instance is left. It
   * does not wait its turn behind other commands: every instance is closed
   * first, so a restart or start still on its way can no longer spawn.
   */
  async shutdown(origin: CommandOrigin = 'tfui'): Promise<void> {
    if (!this.shuttingDown) this.emit({ type: 'shutdown', at: this.now(), phase: 'graceful', origin });
    this.shuttingDown = true;
    const all = [...this.instances.values()];
    const stops = all.map((i) => i.stop('shutdown', origin));
    for (const instance of all) instance.close();
    await Promise.all(stops);
  }

  /** A second Ctrl-C: SIGKILL every tree now, without the grace period. */
  async forceKill(origin: CommandOrigin = 'tfui'): Promise<void> {
    this.emit({ type: 'shutdown', at: this.now(), phase: 'forced', origin });
    this.shuttingDown = true;
    const all = [...this.instances.values()];
    const kills = all.map((i) => i.forceKill());
    for (const instance of all) instance.close();
    await Promise.all(kills);
  }

  write(instanceId: string, data: string): void {
    this.instances.get(instanceId)?.write(data);
  }

  resize(instanceId: string, cols: number, rows: number): void {
    this.instances.get(instanceId)?.resize(cols, rows);
  }

  /** The size new instances start with. */
  setDefaultSize(cols: number, rows: number): void {
    this.size = { cols, rows };
  }

  /**
   * Commands for one instance apply one after another, each once the one
   * before it is done: a restart then a stop ends stopped, and a restart
   * pressed while a scale-down stops the instance waits for that stop, then
   * finds the instance closed. Nothing queued: the step runs at once.
   */
  private inOrder(instance: Instance, step: () => Promise<void>): Promise<void> {
    const pending = this.queues.get(instance.id);
    const done = pending ? pending.then(step) : step();
    const settled = done.catch(() => {});
    this.queues.set(instance.id, settled);
    void settled.then(() => {
      if (this.queues.get(instance.id) === settled) this.queues.delete(instance.id);
    });
    return done;
  }

  /** Stops an instance the formation no longer wants and, unless wanted again meanwhile, removes it for good. */
  private retire(instance: Instance, origin: CommandOrigin): Promise<void> {
    const stillWanted = () => instance.spec.number <= (this.counts.get(instance.spec.processType) ?? 0);
    return this.inOrder(instance, async () => {
      if (stillWanted()) return;
      await instance.stop('scale', origin);
      // Scaled back up while it was stopping: the start queued behind this step brings it back.
      if (stillWanted() || instance.isActive) return;
      instance.close();
      this.instances.delete(instance.id);
      this.emit({ type: 'removed', ...instance.ref, at: this.now() });
    });
  }

  private instanceOf(type: ProcessType, number: number): Instance {
    const id = `${type.name}.${number}`;
    let instance = this.instances.get(id);
    if (!instance) {
      const env = instanceEnvironment(this.app, type, number);
      if (this.options.term) env.set('TERM', { value: this.options.term, source: { kind: 'tfui', why: 'terminal emulated by the screen' } });
      instance = new Instance(
        { id, processType: type.name, number, port: resolveInstance(this.app, type, number).port, command: type.command, cwd: this.app.root, env: toProcessEnv(env) },
        {
          spawn: this.spawn,
          sink: this.options.sinkFor(id, type.name, number),
          timeoutMs: this.app.timeoutMs,
          runId: this.runId,
          now: this.now,
          size: () => this.size,
          emit: (event) => this.emit(event),
          policy: this.app.restart.get(type.name) ?? 'no',
          crashLoop: this.app.crashLoop,
          ...(this.options.guard ? { guard: this.options.guard } : {}),
        },
      );
      this.instances.set(id, instance);
    }
    return instance;
  }

  private ordered(): Instance[] {
    const order = new Map(this.app.types.map((t) => [t.name, t.index]));
    return [...this.instances.values()].sort(
      (a, b) => (order.get(a.spec.processType) ?? 0) - (order.get(b.spec.processType) ?? 0) || a.spec.number - b.spec.number,
    );
  }

  /** The type's instances the formation wants: not those being scaled away. */
  private ofType(processType: string): Instance[] {
    const count = this.countOf(processType);
    return this.ordered().filter((i) => i.spec.processType === processType && i.spec.number <= count);
  }

  private typeNamed(name: string): ProcessType {
    const type = this.app.types.find((t) => t.name === name);
    if (!type) throw new UserError(`unknown process type "${name}"`);
    return type;
  }

  /** An instance commands may act on: one the formation still wants. */
  private wantedInstance(id: string): Instance {
    const instance = this.instances.get(id);
    if (!instance) throw new UserError(`unknown instance "${id}"`);
    if (instance.spec.number > (this.counts.get(instance.spec.processType) ?? 0)) throw new UserError(`${id} is being scaled away`);
    return instance;
  }

  /** The event log so far (the newest EVENT_LOG_LIMIT events). */
  events(): readonly SupervisorEvent[] {
    return this.log;
  }

  private emit(event: SupervisorEvent): void {
    this.log.push(event);
    if (this.log.length > EVENT_LOG_LIMIT) {
      this.droppedEvents += this.log.length - EVENT_LOG_LIMIT;
      this.log.splice(0, this.log.length - EVENT_LOG_LIMIT);
    }
    const snapshot = this.snapshot();
    for (const listener of [...this.listeners]) listener(event, snapshot);
  }
}
