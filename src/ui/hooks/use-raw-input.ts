import { useStdin } from 'ink';
import { useEffect, useRef } from 'react';

/**
 * Every key sequence exactly as the terminal sent it (`ESC [ A`, `\x03`, a
 * mouse report), one call per sequence. The one input router of the app: it
 * decides by mode what a key means, and in input mode passes it on verbatim.
 */
export function useRawInput(handler: (input: string) => void): void {
  const { internal_eventEmitter: events, setRawMode, isRawModeSupported } = useStdin();
  const latest = useRef(handler);
  latest.current = handler;
  useEffect(() => {
    if (!isRawModeSupported) return;
    setRawMode(true);
    const listener = (input: string) => latest.current(input);
    events.on('input', listener);
    return () => {
      events.off('input', listener);
      setRawMode(false);
    };
  }, [events, setRawMode, isRawModeSupported]);
}
