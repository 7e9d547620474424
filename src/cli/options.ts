import type { AppOptions, ProjectDefaults } from '../config/index.js';
import type { StartFlags } from './program.js';

/** The options that apply: a flag given on the command line, else the project's default. */
export function resolveOptions(flags: StartFlags, fromCli: ReadonlySet<string>, defaults: ProjectDefaults) {
  const pick = <K extends keyof StartFlags & keyof ProjectDefaults>(key: K): StartFlags[K] | ProjectDefaults[K] =>
    fromCli.has(key) ? flags[key] : (defaults[key] ?? flags[key]);
  const origin = (key: keyof ProjectDefaults['origin'], flag: string) =>
    fromCli.has(key) ? flag : defaults.origin[key] ? `${defaults.origin[key]}: ${key}` : flag;
  const app: AppOptions = {};
  const set = <K extends keyof AppOptions>(key: K, value: AppOptions[K] | undefined) => {
    if (value !== undefined) app[key] = value;
  };
  set('procfile', pick('procfile'));
  set('root', pick('root'));
  set('env', pick('env'));
  set('formation', pick('formation'));
  set('formationOrigin', origin('formation', '--formation'));
  set('port', pick('port'));
  set('portOrigin', origin('port', '--port'));
  set('timeout', pick('timeout'));
  return { app, timestamp: pick('timestamp') ?? true, color: pick('color') };
}
