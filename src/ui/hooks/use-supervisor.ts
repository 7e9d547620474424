import { useMemo, useSyncExternalStore } from 'react';
import type { Supervisor, SupervisorEvent, SupervisorSnapshot } from '../../engine/index.js';

/** The supervisor's latest snapshot (and the event that made it), as a React external store. */
export function useSupervisorSnapshot(supervisor: Supervisor): { snapshot: SupervisorSnapshot; lastEvent: SupervisorEvent | null } {
  const store = useMemo(() => {
    let current = { snapshot: supervisor.snapshot(), lastEvent: null as SupervisorEvent | null };
    const listeners = new Set<() => void>();
    let pending = false;
    supervisor.subscribe((event, snapshot) => {
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
  }, [supervisor]);
  return useSyncExternalStore(store.subscribe, store.get);
}
