import { addExportOptions, type ExportFlags, type ExportInvocation } from './export.js';
import { Command, InvalidArgumentError, Option } from 'commander';
import packageJson from '../../package.json' with { type: 'json' };
import { parseScaleArguments, type RemoteVerb } from './remote.js';

/** What the user asked for, before project defaults are merged in. */
export type Invocation =
  | ExportInvocation
  | { command: 'start'; types: string[]; flags: StartFlags; fromCli: Set<string> }
  | { command: 'check'; flags: StartFlags; fromCli: Set<string> }
  | { command: 'run'; argv: string[]; flags: StartFlags; fromCli: Set<string> }
  | { command: 'remote'; remote: RemoteVerb; flags: ProjectFlags }
  | { command: 'mcp'; allowControl: boolean; flags: ProjectFlags }
  | { command: 'completion'; shell: string }
  | { command: 'complete'; words: string[]; flags: ProjectFlags };

/** How a verb from another shell names the project, when not by walking up to the Procfile. */
export interface ProjectFlags {
  procfile?: string;
  root?: string;
}

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

  addRemoteVerbs(program, (chosen) => (invocation = chosen));

  program.parse(argv, { from: 'user' });
  if (!invocation) throw new Error('no command was chosen');
  return invocation;
}

function wholeNumber(value: string): number {
  if (!/^\d+$/.test(value)) throw new InvalidArgumentError('expected a whole number, e.g. 50');
  return Number(value);
}

/** The project a verb talks to: -f and -d as `start` takes them (logs takes only the long --procfile: its -f is --follow). */
function addProjectOptions(command: Command, shortProcfile = true): Command {
  return command
    .option(shortProcfile ? '-f, --procfile <path>' : '--procfile <path>', 'the Procfile of the running tfui (default: the nearest one, from here up)')
    .option('-d, --root <dir>', 'the root directory it was started with');
}

/** status, restart, stop, scale, logs, quit, mcp and completion: the doors into a running tfui. */
function addRemoteVerbs(program: Command, choose: (invocation: Invocation) => void): void {
  const verb = (name: string, description: string, shortProcfile = true) => addProjectOptions(program.command(name), shortProcfile).description(description);
  const flags = (command: Command): ProjectFlags => command.opts<ProjectFlags>();

  const status = verb('status', 'show the running tfui\'s instances: state, pid, PORT, uptime, restarts, last exit').option('--json', 'print JSON');
  status.action(() => choose({ command: 'remote', remote: { verb: 'status', json: status.opts<{ json?: boolean }>().json === true }, flags: flags(status) }));

  for (const name of ['restart', 'stop'] as const) {
    const command = verb(name, name === 'restart' ? 'restart instances or every instance of types (a stopped one starts)' : 'stop instances, or every instance of types').argument('<targets...>', 'TYPE or TYPE.N, e.g. web or web.2');
    command.action((targets: string[]) => choose({ command: 'remote', remote: { verb: name, targets }, flags: flags(command) }));
  }

  const scale = verb('scale', 'set how many instances of types run, e.g. web=2,worker=0').argument('<counts...>', 'TYPE=N[,TYPE=N...]');
  scale.action((counts: string[]) => choose({ command: 'remote', remote: { verb: 'scale', counts: parseScaleArguments(counts) }, flags: flags(scale) }));

  const logs = verb('logs', 'print the output of instances or types as plain text (several: foreman\'s prefixed lines)', false)
    .argument('[targets...]', 'TYPE or TYPE.N (default: every instance)')
    .option('-n, --lines <n>', 'only the last N lines', wholeNumber)
    .option('-f, --follow', 'keep printing new lines until tfui stops (Ctrl-C leaves)')
    .option('--grep <regex>', 'only lines that match this regular expression');
  logs.action((targets: string[]) => {
    const o = logs.opts<{ lines?: number; follow?: boolean; grep?: string }>();
    choose({ command: 'remote', remote: { verb: 'logs', targets, lines: o.lines, follow: o.follow === true, grep: o.grep }, flags: flags(logs) });
  });

  const quit = verb('quit', 'stop every process of the running tfui and let it exit');
  quit.action(() => choose({ command: 'remote', remote: { verb: 'quit' }, flags: flags(quit) }));

  const mcp = verb('mcp', 'serve the running tfui to a coding agent: an MCP server on stdin/stdout').option('--allow-control', 'also offer the restart, stop and scale tools');
  mcp.action(() => choose({ command: 'mcp', allowControl: mcp.opts<{ allowControl?: boolean }>().allowControl === true, flags: flags(mcp) }));

  const completion = program.command('completion').description('print a shell completion script: tfui completion bash >> ~/.bashrc').argument('<shell>', 'bash or zsh');
  completion.action((shell: string) => choose({ command: 'completion', shell }));

  // Called by the completion scripts: the words so far, one candidate per line back.
  const complete = addProjectOptions(program.command('__complete', { hidden: true })).argument('[words...]').allowUnknownOption();
  complete.action((words: string[]) => choose({ command: 'complete', words, flags: flags(complete) }));
}
