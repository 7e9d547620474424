// The function the supervisor starts instances with: exported processes start the same way.
import { shellCommandLine } from '../engine/index.js';

/**
 * What `/bin/sh -c` runs for a Procfile command: a single simple command is `exec`'d, so the
 * program itself gets the platform's SIGTERM (systemd's KillMode=mixed, a pod's PID 1).
 */
export function startLine(command: string): string {
  return shellCommandLine(command);
}

/**
 * systemd (ExecStart), kubelet (a container's command) and compose (every value) all expand
 * `$VAR`-style references themselves, and all read `$$` as a literal `$`: doubling every `$`
 * hands the text to the shell or the process exactly as written.
 */
export function dollarsDoubled(text: string): string {
  return text.split('$').join('$$');
}
