import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { FrameScheduler } from '../../src/terminal/frame-scheduler.js';

const START = new Date('2030-01-01T00:00:00Z').getTime();
const INTERVAL = 33;

let scheduler: FrameScheduler;
let frames: number[];

beforeEach(() => {
  vi.useFakeTimers({ now: START });
  // The injected clock reads the fake one, so the cap and the timers agree.
  scheduler = new FrameScheduler(INTERVAL, () => Date.now());
  frames = [];
  scheduler.subscribe(() => frames.push(Date.now() - START));
});

afterEach(() => {
  scheduler.dispose();
  vi.useRealTimers();
});

describe('the frame scheduler', () => {
  it('draws nothing when nothing was requested', () => {
    vi.advanceTimersByTime(60_000);
    expect(frames).toEqual([]);
    expect(scheduler.getFrame()).toBe(0);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('gives one frame for many requests within one interval', () => {
    for (let i = 0; i < 50; i++) scheduler.request();
    vi.advanceTimersByTime(INTERVAL);
    expect(frames).toEqual([0]);
    expect(scheduler.getFrame()).toBe(1);
  });

  it('draws a first request at once, then waits out the interval for the next', () => {
    scheduler.request();
    vi.advanceTimersByTime(0);
    expect(frames).toEqual([0]);
    vi.advanceTimersByTime(5);
    scheduler.request();
    scheduler.request();
    vi.advanceTimersByTime(INTERVAL - 5 - 1);
    expect(frames).toEqual([0]);
    vi.advanceTimersByTime(1);
    expect(frames).toEqual([0, INTERVAL]);
  });

  it('caps the frame rate under a steady stream of requests', () => {
    for (let t = 0; t < 1000; t++) {
      scheduler.request();
      vi.advanceTimersByTime(1);
    }
    // One frame at 0, then one per interval.
    expect(frames).toHaveLength(Math.floor(1000 / INTERVAL) + 1);
    const gaps = frames.slice(1).map((t, i) => t - (frames[i] as number));
    expect(gaps.every((gap) => gap >= INTERVAL)).toBe(true);
  });

  it('gives a frame at once on flush, and drops the pending one', () => {
    scheduler.flush();
    scheduler.request();
    vi.advanceTimersByTime(10);
    scheduler.flush();
    expect(frames).toEqual([0, 10]);
    vi.advanceTimersByTime(1000);
    expect(frames).toEqual([0, 10]);
    expect(scheduler.getFrame()).toBe(2);
  });

  it('counts the interval from the last flush', () => {
    vi.advanceTimersByTime(100);
    scheduler.flush();
    vi.advanceTimersByTime(10);
    scheduler.request();
    vi.advanceTimersByTime(INTERVAL - 10 - 1);
    expect(frames).toEqual([100]);
    vi.advanceTimersByTime(1);
    expect(frames).toEqual([100, 100 + INTERVAL]);
  });

  it('stops telling a listener once it unsubscribed', () => {
    const calls: number[] = [];
    const unsubscribe = scheduler.subscribe(() => calls.push(1));
    scheduler.flush();
    unsubscribe();
    scheduler.flush();
    expect(calls).toEqual([1]);
    expect(frames).toHaveLength(2);
  });

  it('fires nothing after dispose', () => {
    scheduler.request();
    scheduler.wakeAtTime(START + 500);
    scheduler.dispose();
    vi.advanceTimersByTime(1000);
    expect(frames).toEqual([]);
  });
});

/**
 * A wake asks for a frame with a 0 ms timer from inside a timer callback, which
 * Node (and the fake clock) runs 1 ms later: a wake's frame is at `at` or `at + 1`.
 */
function expectFramesAt(...times: number[]): void {
  expect(frames).toHaveLength(times.length);
  frames.forEach((t, i) => {
    expect(t).toBeGreaterThanOrEqual(times[i] as number);
    expect(t).toBeLessThanOrEqual((times[i] as number) + 1);
  });
}

describe('waking at a time', () => {
  it('gives one frame at that time, and none before', () => {
    scheduler.wakeAtTime(START + 5000);
    vi.advanceTimersByTime(4999);
    expect(frames).toEqual([]);
    vi.advanceTimersByTime(2);
    expectFramesAt(5000);
    vi.advanceTimersByTime(60_000);
    expectFramesAt(5000);
  });

  it('lets an earlier wake replace a later one', () => {
    scheduler.wakeAtTime(START + 5000);
    scheduler.wakeAtTime(START + 1000);
    vi.advanceTimersByTime(10_000);
    expectFramesAt(1000);
  });

  it('keeps the earlier wake when a later one is asked for', () => {
    scheduler.wakeAtTime(START + 1000);
    scheduler.wakeAtTime(START + 5000);
    vi.advanceTimersByTime(10_000);
    expectFramesAt(1000);
  });

  it('accepts a new wake once the last one fired', () => {
    scheduler.wakeAtTime(START + 1000);
    vi.advanceTimersByTime(1001);
    scheduler.wakeAtTime(START + 3000);
    vi.advanceTimersByTime(10_000);
    expectFramesAt(1000, 3000);
  });

  it('wakes at once for a time already past', () => {
    vi.advanceTimersByTime(100);
    scheduler.wakeAtTime(START + 50);
    vi.advanceTimersByTime(1);
    expectFramesAt(100);
  });

  it('still keeps to the frame cap', () => {
    scheduler.wakeAtTime(START + 1000);
    vi.advanceTimersByTime(990);
    scheduler.flush();
    vi.advanceTimersByTime(10_000);
    expect(frames).toEqual([990, 990 + INTERVAL]);
  });

  it('gives no frame when only a wake that was replaced is left', () => {
    scheduler.wakeAtTime(START + 5000);
    scheduler.wakeAtTime(START + 1000);
    vi.advanceTimersByTime(2000);
    expect(vi.getTimerCount()).toBe(0);
  });
});
