import { afterEach } from 'vitest';
import { killMatching } from './processes.js';
import type { TmuxApp } from './tmux.js';

/**
 * What an e2e test file started, ended after each test: the apps in tmux,
 * every process carrying one of the markers, and the project folders.
 */
export function useE2eCleanup(): { apps: TmuxApp[]; removers: Array<() => void>; markers: string[] } {
  const started = { apps: [] as TmuxApp[], removers: [] as Array<() => void>, markers: [] as string[] };
  afterEach(() => {
    for (const app of started.apps.splice(0)) app.kill();
    for (const marker of started.markers.splice(0)) killMatching(marker);
    for (const remove of started.removers.splice(0)) remove();
  });
  return started;
}
