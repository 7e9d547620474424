import { CommanderError } from 'commander';
import { readProjectDefaults, UserError } from '../config/index.js';
import { checkCommand } from './check.js';
import { UNSUPPORTED_PLATFORM_STATUS, unsupportedPlatform } from './platform-support.js';
import { resolveOptions } from './options.js';
import { parseArguments } from './program.js';
import { completeWords, completionCommand } from './completion.js';
import { exportCommand } from './export.js';
import { mcpCommand } from './mcp.js';
import { remoteCommand, type RemoteIo } from './remote.js';
import { runCommand } from './run.js';
import { startCommand } from './start.js';

/** Exit status for usage errors: unknown flags, bad flag values. */
const USAGE = 2;

/** The whole CLI: argv in, exit status out. Mistakes the user can fix become one line on stderr. */
export async function main(argv: readonly string[]): Promise<number> {
  const unsupported = unsupportedPlatform(process.platform);
  if (unsupported) {
    process.stderr.write(`tfui: ${unsupported}\n`);
    return UNSUPPORTED_PLATFORM_STATUS;
  }
  try {
    const invocation = parseArguments(argv, {
      out: (text) => process.stdout.write(text),
      err: (text) => process.stderr.write(text),
    });
    switch (invocation.command) {
      case 'remote':
        return await remoteCommand(invocation.remote, invocation.flags, remoteIo());
      case 'mcp':
        return await mcpCommand(invocation.flags, invocation.allowControl);
      case 'completion':
        return completionCommand(invocation.shell, (text: string) => process.stdout.write(text));
      case 'complete':
        return await completeWords(invocation.words, invocation.flags, (text: string) => process.stdout.write(text));
      default:
        break;
    }
    const defaults = readProjectDefaults(process.cwd());
    const options = resolveOptions(invocation.flags, invocation.fromCli, defaults);
    switch (invocation.command) {
      case 'export':
        return exportCommand(invocation, options.app);
      case 'start':
        return await startCommand({ ...options, types: invocation.types, tui: invocation.flags.tui !== false });
      case 'check':
        return checkCommand(options.app);
      case 'run':
        return await runCommand(options.app, invocation.argv);
    }
  } catch (error) {
    if (error instanceof CommanderError) {
      if (error.exitCode === 0) return 0;
      process.stderr.write(`tfui: ${error.message.replace(/^error: /, '')}\n`);
      return USAGE;
    }
    if (error instanceof UserError) {
      process.stderr.write(`tfui: ${error.message}\n`);
      return error.exitCode;
    }
    throw error;
  }
}

/** A verb's output: colour on a terminal unless NO_COLOR; Ctrl-C ends a `logs -f` cleanly. */
function remoteIo(): RemoteIo {
  const noColor = process.env['NO_COLOR'] !== undefined && process.env['NO_COLOR'] !== '';
  return {
    out: (text) => process.stdout.write(text),
    err: (text) => process.stderr.write(text),
    color: Boolean(process.stdout.isTTY) && !noColor,
    interrupted: () => new Promise((resolve) => process.once('SIGINT', () => resolve())),
  };
}
