import { spawn } from 'node:child_process';
import { loadRunConfig, toProcessEnv, UserError, type AppOptions } from '../config/index.js';
import { exitCodeFor } from '../output/line-mode.js';

/**
 * `tfui run`: a one-off command with the app's environment, in this
 * terminal, its exit status passed through. One argument is a shell command
 * line (or the name of a Procfile type, as in foreman); several are an argv.
 */
export async function runCommand(options: AppOptions, argv: readonly string[]): Promise<number> {
  const config = loadRunConfig(options, process.cwd(), process.env);
  const env = toProcessEnv(config.environment);
  const [first, ...rest] = argv as [string, ...string[]];
  const typeCommand = rest.length === 0 ? config.types.find((t) => t.name === first)?.command : undefined;
  const child =
    rest.length === 0
      ? spawn('/bin/sh', ['-c', typeCommand ?? first], { cwd: config.root, env, stdio: 'inherit' })
      : spawn(first, rest, { cwd: config.root, env, stdio: 'inherit' });
  // Ctrl-C reaches the child through the terminal; tfui waits for it like a shell does.
  const ignore = () => {};
  const signals = ['SIGINT', 'SIGQUIT'] as const;
  for (const signal of signals) process.on(signal, ignore);
  try {
    return await new Promise<number>((resolve, reject) => {
      child.once('error', (error: NodeJS.ErrnoException) => {
        if (error.code === 'ENOENT') reject(new UserError(`command not found: ${first}`, 127));
        else if (error.code === 'EACCES') reject(new UserError(`not executable: ${first}`, 126));
        else reject(error);
      });
      child.once('exit', (code, signal) => resolve(exitCodeFor(code, signal)));
    });
  } finally {
    for (const signal of signals) process.off(signal, ignore);
  }
}
