import type { AppConfig, ProcessType } from './app-config.js';
import type { Environment } from './environment.js';
import { portFor } from './ports.js';
import type { RestartPolicy } from './restart-spec.js';

/** One instance of a process type: `web.2` on its PORT. */
export interface ResolvedInstance {
  /** The instance name, which is also its PS: `web.2`. */
  name: string;
  number: number;
  port: number;
}

export interface ResolvedType {
  name: string;
  command: string;
  /** Position among all Procfile entries: the type's block of ports. */
  index: number;
  /** How many instances the formation runs (0 keeps the type, with nothing running). */
  count: number;
  /** The first instance's PORT: what every replica gets where each has its own network. */
  port: number;
  restart: RestartPolicy;
  instances: ResolvedInstance[];
}

/** A variable set by an env file (the winning assignment when several files set it). */
export interface FileVariable {
  key: string;
  value: string;
  file: string;
  line: number;
}

/** What `start`, `check` and every exporter agree on: types, counts, PORTs, PS and the env files' variables. */
export interface ResolvedFormation {
  root: string;
  basePort: number;
  timeoutSeconds: number;
  types: ResolvedType[];
  variables: FileVariable[];
}

/** The instance `number` of `type`: its name (PS) and foreman's PORT. */
export function resolveInstance(app: AppConfig, type: ProcessType, number: number): ResolvedInstance {
  return { name: `${type.name}.${number}`, number, port: portFor(app.basePort, type.index, number) };
}

export function resolvedFormation(app: AppConfig): ResolvedFormation {
  const types = app.types.map((type): ResolvedType => {
    const count = app.formation.get(type.name) ?? 0;
    return {
      name: type.name,
      command: type.command,
      index: type.index,
      count,
      port: resolveInstance(app, type, 1).port,
      restart: app.restart.get(type.name) ?? 'no',
      instances: Array.from({ length: count }, (_, i) => resolveInstance(app, type, i + 1)),
    };
  });
  const variables: FileVariable[] = [];
  for (const [key, variable] of app.environment) {
    if (variable.source.kind === 'file') variables.push({ key, value: variable.value, file: variable.source.file, line: variable.source.line });
  }
  return { root: app.root, basePort: app.basePort, timeoutSeconds: app.timeoutMs / 1000, types, variables };
}

/** An instance's environment: the app's, plus its PORT and PS (which replace any the user set). */
export function instanceEnvironment(app: AppConfig, type: ProcessType, number: number): Environment {
  const instance = resolveInstance(app, type, number);
  const env: Environment = new Map(app.environment);
  env.set('PORT', { value: String(instance.port), source: { kind: 'tfui', why: `base ${app.basePort} + 100 × ${type.index} + ${number - 1}` } });
  env.set('PS', { value: instance.name, source: { kind: 'tfui', why: 'instance name' } });
  env.set('PWD', { value: app.root, source: { kind: 'tfui', why: 'working directory' } });
  return env;
}
