import { describe, expect, it } from 'vitest';
import { DeferredSink } from '../../src/engine/deferred-sink.js';
import type { OutputSink } from '../../src/engine/events.js';

function recordingSink(): OutputSink & { text: string; flushed: number } {
  const sink = {
    text: '',
    flushed: 0,
    write(data: Uint8Array) {
      sink.text += Buffer.from(data).toString();
    },
    flush() {
      sink.flushed += 1;
    },
    lastLines(count: number) {
      return sink.text.trim().split('\n').slice(-count);
    },
  };
  return sink;
}

describe('a sink that holds output until the screen takes it', () => {
  it('hands over what it held, in order, then passes output straight on', () => {
    const deferred = new DeferredSink();
    deferred.write(Buffer.from('one\n'));
    deferred.write(Buffer.from('two\n'));
    const target = recordingSink();
    expect(deferred.attached).toBe(false);
    deferred.attach(target);
    expect(deferred.attached).toBe(true);
    deferred.write(Buffer.from('three\n'));
    expect(target.text).toBe('one\ntwo\nthree\n');
  });

  it("lets an exit before the hand-over wait for it, so the exit's last lines are read", async () => {
    const deferred = new DeferredSink();
    deferred.write(Buffer.from('bash: nosuchcmd: command not found\n'));
    let lastLines: string[] | undefined;
    const exit = deferred.flush().then(() => (lastLines = deferred.lastLines(3)));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(lastLines).toBeUndefined();
    const target = recordingSink();
    deferred.attach(target);
    await exit;
    expect(lastLines).toEqual(['bash: nosuchcmd: command not found']);
    expect(target.flushed).toBe(1);
  });

  it('lets a waiting exit go on without its last lines when no screen will take the output', async () => {
    const deferred = new DeferredSink();
    deferred.write(Buffer.from('held\n'));
    const exit = deferred.flush().then(() => deferred.lastLines(3));
    deferred.release();
    expect(await exit).toEqual([]);
  });
});
