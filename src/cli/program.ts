import { addExportOptions, type ExportFlags, type ExportInvocation } from './export.js';
import { Command, InvalidArgumentError, Option } from 'commander';
import packageJson from '../../package.json' with { type: 'json' };

/** What the user asked for, before project defaults are merged in. */
export type Invocation =
  | ExportInvocation
  | { command: 'start'; types: string[]; flags: StartFlags; fromCli: Set<string> }
  | { command: 'check'; flags: StartFlags; fromCli: Set<string> }
  | { command: 'run'; argv: string[]; flags: StartFlags; fromCli: Set<string> };

export interface StartFlags {
  procfile?: string;
  root?: string;
  env?: string[];
  formation?: string;
  port?: string;
  timeout?: number;
  color?: boolean;
  timestamp?: boolean;
  tui?: boolean;
  restart?: string;
  crashLoop?: string;
}

export const VERSION: string = packageJson.version;

function seconds(value: string): number {
  const number = Number(value);
  if (value.trim() === '' || !Number.isFinite(number) || number < 0) throw new InvalidArgumentError('expected a number of seconds, e.g. 5 or 0.5');
  return number;
}

function fileList(value: string): string[] {
  const files = value.split(',').filter((file) => file !== '');
  if (files.length === 0) throw new InvalidArgumentError('expected FILE[,FILE...]');
  return files;
}

function addInputOptions(command: Command): Command {
  return command
    .option('-f, --procfile <path>', 'the Procfile (default: Procfile in the root directory)')
    .option('-d, --root <dir>', 'the directory processes run in, and where .env is read (default: the Procfile\'s)')
    .option('-e, --env <files>', 'env files to read instead of .env; later files win', fileList);
}

function addFormationOptions(command: Command): Command {
  return command
    .option('-m, --formation <spec>', 'how many of each type, e.g. all=1,web=2 (types not named get 0 unless all= is given)')
    .option('-p, --port <port>', 'base port (default: PORT from the env files, else $PORT, else 5000)');
}

/**
 * Parses argv into an invocation. Throws a CommanderError for help, version
 * and bad usage; the caller turns those into output and an exit status.
 */
export function parseArguments(argv: readonly string[], write: { out(text: string): void; err(text: string): void }): Invocation {
  let invocation: Invocation | undefined;
  const program = new Command('tfui')
    .description('Run a Procfile formation on real pseudo-terminals: a screen when stdout is a terminal, foreman\'s prefixed lines otherwise.')
    .version(VERSION, '-v, --version', 'print the version')
    .helpOption('-h, --help', 'show help')
    .enablePositionalOptions()
    .exitOverride()
    .configureOutput({ writeOut: write.out, writeErr: write.err, outputError: () => {} })
    .showSuggestionAfterError(true);

  const fromCli = (command: Command) =>
    new Set(Object.keys(command.opts()).filter((key) => command.getOptionValueSource(key) === 'cli'));

  const start = addFormationOptions(addInputOptions(program.command('start', { isDefault: true })))
    .description('start the formation (the default command)')
    .argument('[types...]', 'run only these process types, one each (unless -m says more)')
    .option('-t, --timeout <seconds>', 'how long processes get between SIGTERM and SIGKILL (default: 5)', seconds)
    .addOption(new Option('-c, --color', 'colour the prefixes even when stdout is not a terminal'))
    .addOption(new Option('--no-color', 'never colour the prefixes (also: NO_COLOR=1)'))
    .option('-r, --restart <spec>', 'restart policies: TYPE=no|on-failure|always[,...] (all= for every type); default no')
    .option('--crash-loop <n/seconds>', 'give up restarting after N automatic restarts within SECONDS (default: 5/60)')
    .option('--no-timestamp', 'leave the time out of each line')
    .option('--no-tui', 'print prefixed lines even when stdout is a terminal');
  start.action((types: string[]) => {
    invocation = { command: 'start', types, flags: start.opts<StartFlags>(), fromCli: fromCli(start) };
  });

  const check = addFormationOptions(addInputOptions(program.command('check')))
    .description('validate the Procfile and env files; print the formation, ports and where each variable comes from');
  check.action(() => {
    invocation = { command: 'check', flags: check.opts<StartFlags>(), fromCli: fromCli(check) };
  });

  // tfui export: its own flags live in export.ts.
  const exporting = addExportOptions(addFormationOptions(addInputOptions(program.command('export'))))
    .option('-t, --timeout <seconds>', 'grace between SIGTERM and SIGKILL: TimeoutStopSec, terminationGracePeriodSeconds, stop_grace_period (default: 5)', seconds);
  exporting.action((format: ExportInvocation['format'], dir: string) => {
    invocation = { command: 'export', format, dir, flags: exporting.opts<ExportFlags>(), fromCli: fromCli(exporting) };
  });

  const run = addInputOptions(program.command('run'))
    .description('run a one-off command (or a Procfile type\'s command) with the app\'s environment; its exit status is tfui\'s')
    .argument('<command...>', 'one argument is a shell command line; several are run as they are, without a shell')
    .passThroughOptions();
  run.action((argv: string[]) => {
    invocation = { command: 'run', argv, flags: run.opts<StartFlags>(), fromCli: fromCli(run) };
  });

  program.parse(argv, { from: 'user' });
  if (!invocation) throw new Error('no command was chosen');
  return invocation;
}
