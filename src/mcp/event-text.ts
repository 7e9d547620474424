import type { SupervisorEvent } from '../engine/index.js';

/** How the MCP tools say a timeline event, one line (plus the last words of an exit), for an agent to read. */

function clock(at: number): string {
  return new Date(at).toISOString();
}

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)}s`;
}

export function describeEvent(event: SupervisorEvent): string {
  const when = clock(event.at);
  switch (event.type) {
    case 'spawned':
      return `${when} ${event.id} started (pid ${event.pid}, PORT ${event.port})`;
    case 'spawnFailed':
      return `${when} ${event.id} could not start: ${event.message}`;
    case 'stopRequested':
      return `${when} ${event.id} stop requested (${event.reason}, by ${event.origin})`;
    case 'killedAfterTimeout':
      return `${when} ${event.id} SIGKILL after the stop timeout (pids ${event.pids.join(', ')})`;
    case 'exited': {
      const how = event.signal ? `killed by ${event.signal}` : `exit code ${event.code}`;
      const what = event.state === 'crashed' ? 'crashed' : event.state === 'stopped' ? 'stopped' : 'exited';
      const last = event.state === 'crashed' && event.lastLines.length > 0 ? `\n  last lines:\n${event.lastLines.map((l) => `    ${l}`).join('\n')}` : '';
      return `${when} ${event.id} ${what}: ${how} after ${seconds(event.ranMs)}${event.survivors.length > 0 ? `; could not kill pids ${event.survivors.join(', ')}` : ''}${last}`;
    }
    case 'restartScheduled':
      return `${when} ${event.id} restarts in ${seconds(event.delayMs)} (${event.policy}, attempt ${event.attempt})`;
    case 'gaveUp':
      return `${when} ${event.id} ${event.reason}`;
    case 'portInUse':
      return `${when} ${event.id} PORT ${event.message}`;
    case 'restartRequested':
      return `${when} ${event.id} restart requested (by ${event.origin})`;
    case 'removed':
      return `${when} ${event.id} removed (scaled down)`;
    case 'scaled':
      return `${when} ${event.processType} scaled ${event.from} → ${event.to} (by ${event.origin})`;
    case 'shutdown':
      return `${when} tfui ${event.phase === 'graceful' ? 'stopping every process' : 'killing every process'} (by ${event.origin})`;
  }
}
