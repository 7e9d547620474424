import { useMemo, useSyncExternalStore } from 'react';
import type { EngineDoor, SupervisorEvent, SupervisorSnapshot } from '../../engine/index.js';

/** The engine's latest snapshot (and the event that made it), as a React external store. */
export function useEngineSnapshot(engine: Pick<EngineDoor, 'snapshot' | 'subscribe'>): { snapshot: SupervisorSnapshot; lastEvent: SupervisorEvent | null } {
  const store = useMemo(() => {
    let current = { snapshot: engine.snapshot(), lastEvent: null as SupervisorEvent | null };
    const listeners = new Set<() => void>();
    let pending = false;
    engine.subscribe((event, snapshot) => {
      current = { snapshot, lastEvent: event };
      // React renders a store update synchronously: told at once, the screen would redraw between
      // two events of one action (SIGTERM to each instance of a shutdown). One render per turn.
      if (pending) return;
      pending = true;
      queueMicrotask(() => {
        pending = false;
        for (const listener of listeners) listener();
      });
    });
    return {
      subscribe: (listener: () => void) => {
        listeners.add(listener);
        return () => listeners.delete(listener);
      },
      get: () => current,
    };
  }, [engine]);
  return useSyncExternalStore(store.subscribe, store.get);
}
