import { useSyncExternalStore } from 'react';
import type { FrameScheduler } from '../../terminal/frame-scheduler.js';

/** The current frame number: components that draw terminal models re-read them when it moves. */
export function useFrame(scheduler: FrameScheduler): number {
  return useSyncExternalStore(scheduler.subscribe, scheduler.getFrame);
}
