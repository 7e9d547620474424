import { restartPairs, type AppOptions, type ProjectDefaults } from '../config/index.js';
import type { StartFlags } from './program.js';

/** The options that apply: a flag given on the command line, else the project's default. */
export function resolveOptions(flags: StartFlags, fromCli: ReadonlySet<string>, defaults: ProjectDefaults) {
  const pick = <K extends Exclude<keyof StartFlags & keyof ProjectDefaults, 'restart'>>(key: K): StartFlags[K] | ProjectDefaults[K] =>
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
  if (fromCli.has('restart') && flags.restart) {
    set('restart', restartPairs(flags.restart, '--restart'));
    set('restartOrigin', '--restart');
  } else if (defaults.restart) {
    set('restart', Object.entries(defaults.restart));
    set('restartOrigin', `${defaults.origin.restart}: restart`);
  }
  set('crashLoop', pick('crashLoop'));
  set('crashLoopOrigin', origin('crashLoop', '--crash-loop'));
  return { app, timestamp: pick('timestamp') ?? true, color: pick('color') };
}
