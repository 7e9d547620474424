import { useStdin } from 'ink';
import { render } from 'ink-testing-library';
import { useEffect } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { inkInputEvents } from '../../src/compat/ink-input-events.js';
import inkPackage from '../../node_modules/ink/package.json' with { type: 'json' };
import { waitFor } from '../helpers/wait-for.js';

const version = inkPackage.version;
const apps: Array<ReturnType<typeof render>> = [];
afterEach(() => {
  for (const app of apps.splice(0)) app.unmount();
});

/** Renders a component that records what inkInputEvents hands out, and every `input` event on it. */
function listening(): { app: ReturnType<typeof render>; found: { events?: unknown }; inputs: string[] } {
  const found: { events?: unknown } = {};
  const inputs: string[] = [];
  function Listener() {
    const stdin = useStdin();
    const events = inkInputEvents(stdin);
    found.events = events;
    useEffect(() => {
      if (!events) return;
      stdin.setRawMode(true);
      const listener = (input: string) => inputs.push(input);
      events.on('input', listener);
      return () => {
        events.off('input', listener);
        stdin.setRawMode(false);
      };
    }, [events, stdin]);
    return null;
  }
  const app = render(<Listener />);
  apps.push(app);
  return { app, found, inputs };
}

describe(`key sequences as the terminal sent them, from Ink ${version}'s undocumented input emitter`, () => {
  it('is where src/compat/ink-input-events.ts finds it (if this fails, another Ink moved it: no key reaches tfui)', () => {
    expect(listening().found.events, `Ink ${version}: useStdin().internal_eventEmitter is gone`).toBeDefined();
  });

  it('emits each sequence whole and verbatim: arrows, a control key, an SGR mouse report, plain text', async () => {
    const { app, inputs } = listening();
    for (const sequence of ['\x1b[A', '\x03', '\x1b[<0;5;3M', 'q']) {
      app.stdin.write(sequence);
      await waitFor(() => inputs.includes(sequence), { describe: () => JSON.stringify(inputs) });
    }
    expect(inputs).toEqual(['\x1b[A', '\x03', '\x1b[<0;5;3M', 'q']);
  });

  it('is undefined, without throwing, for a stdin without it', () => {
    expect(inkInputEvents({} as ReturnType<typeof useStdin>)).toBeUndefined();
  });
});
