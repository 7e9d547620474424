import { useStdin } from 'ink';
import { useEffect, useRef } from 'react';
import { inkInputEvents } from '../../compat/ink-input-events.js';

/**
 * Every key sequence exactly as the terminal sent it (`ESC [ A`, `\x03`, a
 * mouse report), one call per sequence. The one input router of the app: it
 * decides by mode what a key means, and in input mode passes it on verbatim.
 */
export function useRawInput(handler: (input: string) => void): void {
  const stdin = useStdin();
  const events = inkInputEvents(stdin);
  const { setRawMode, isRawModeSupported } = stdin;
  const latest = useRef(handler);
  latest.current = handler;
  useEffect(() => {
    if (!isRawModeSupported || !events) return;
    setRawMode(true);
    const listener = (input: string) => latest.current(input);
    events.on('input', listener);
    return () => {
      events.off('input', listener);
      setRawMode(false);
    };
  }, [events, setRawMode, isRawModeSupported]);
}
