import { EventEmitter } from 'node:events';
import type { useStdin } from 'ink';

/**
 * Ink's own stream of key sequences: one `input` event per sequence exactly
 * as the terminal sent it (`ESC [ A`, a mouse report, a paste), which is what
 * tfui passes on to a program. `useInput` gives parsed keys instead, and
 * reading stdin beside Ink would race it. Ink 6 hands the stream out from
 * useStdin as `internal_eventEmitter`, undocumented: undefined when an Ink
 * without it (test/compat checks it).
 */
export function inkInputEvents(stdin: ReturnType<typeof useStdin>): EventEmitter | undefined {
  const events: unknown = (stdin as { internal_eventEmitter?: unknown }).internal_eventEmitter;
  return events instanceof EventEmitter ? events : undefined;
}
