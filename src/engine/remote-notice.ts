import type { CommandOrigin, SupervisorEvent } from './events.js';

/** Where a command came from, in words, for commands that did not come from this screen. */
export function originWords(origin: CommandOrigin): string | null {
  switch (origin) {
    case 'shell':
      return 'from another shell';
    case 'agent':
      return 'by a coding agent (MCP)';
    default:
      return null;
  }
}

/**
 * A line for the hint bar when another shell or an agent acted on this tfui:
 * the screen shows what a remote verb did, not only its effect.
 */
export function remoteNotice(event: SupervisorEvent): string | null {
  if (!('origin' in event)) return null;
  const from = originWords(event.origin);
  if (!from) return null;
  switch (event.type) {
    case 'restartRequested':
      return `${event.id} restarted ${from}`;
    case 'stopRequested':
      return event.reason === 'user' ? `${event.id} stopped ${from}` : null;
    case 'scaled':
      return `${event.processType} scaled ${event.from} → ${event.to} ${from}`;
    case 'shutdown':
      return event.phase === 'graceful' ? `quit ${from}` : `killed ${from}`;
    default:
      return null;
  }
}
