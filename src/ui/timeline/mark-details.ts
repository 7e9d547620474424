import type { TimelineMark } from './timeline-model.js';
import { MARKS } from './timeline-model.js';
import { originWords } from '../../engine/index.js';

function clockWithMillis(at: number): string {
  const d = new Date(at);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${two(d.getHours())}:${two(d.getMinutes())}:${two(d.getSeconds())}.${String(d.getMilliseconds()).padStart(3, '0')}`;
}

/** `2.3s`, `4m 10s`, `1h 2m`: how long a run lasted. */
export function formatRunLength(ms: number): string {
  // Round first, then choose the form, so 59.6 s reads "1m 0s" and 9.96 s "10s".
  const tenths = Math.round(ms / 100);
  if (tenths < 100) return `${(tenths / 10).toFixed(1)}s`;
  const s = Math.round(ms / 1000);
  if (s < 60) return `${s}s`;
  if (s < 3600) return `${Math.floor(s / 60)}m ${s % 60}s`;
  return `${Math.floor(s / 3600)}h ${Math.floor((s % 3600) / 60)}m`;
}

/** What a mark says in words: a headline, facts, and (for an exit) the last lines printed. */
export function describeMark(laneId: string, mark: TimelineMark): { headline: string; facts: string[]; lastLines: string[] } {
  const headline = `${laneId} · ${MARKS[mark.kind].label} · ${clockWithMillis(mark.at)}`;
  const event = mark.event;
  switch (event.type) {
    case 'exited': {
      const stoppedFrom = event.stoppedBy ? originWords(event.stoppedBy) : null;
      return {
        headline,
        facts: [
          event.signal ? `killed by ${event.signal}` : `exit code ${event.code}`,
          `ran ${formatRunLength(event.ranMs)}`,
          ...(stoppedFrom ? [`stopped ${stoppedFrom}`] : []),
          ...(event.survivors.length > 0 ? [`could not kill pids ${event.survivors.join(', ')}`] : []),
          ...(event.unverified ? [`not verified: ${event.unverified}`] : []),
        ],
        lastLines: event.lastLines,
      };
    }
    case 'spawned':
      return { headline, facts: [`pid ${event.pid}`, `PORT ${event.port}`], lastLines: [] };
    case 'spawnFailed':
      return { headline, facts: [`could not start: ${event.message}`], lastLines: [] };
    case 'restartScheduled':
      return { headline, facts: [`policy ${event.policy}`, `attempt ${event.attempt}`, `after a backoff of ${formatRunLength(event.delayMs)}`], lastLines: [] };
    case 'gaveUp':
      return { headline, facts: [event.reason], lastLines: [] };
    case 'killedAfterTimeout':
      return { headline, facts: [`SIGKILL to pids ${event.pids.join(', ')} after the stop timeout`], lastLines: [] };
    case 'portInUse':
      return { headline, facts: [`PORT ${event.message}`], lastLines: [] };
    case 'scaled':
      return { headline, facts: [`${event.processType}: ${event.from} → ${event.to} instances${originWords(event.origin) ? ` ${originWords(event.origin)}` : ''}`], lastLines: [] };
    case 'restartRequested':
      return { headline, facts: [originWords(event.origin) ? `restarted ${originWords(event.origin)}` : 'restarted by hand'], lastLines: [] };
    default:
      return { headline, facts: [], lastLines: [] };
  }
}
