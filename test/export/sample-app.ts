import { loadAppConfig, resolvedFormation, type ResolvedFormation } from '../../src/config/index.js';
import type { ExportOptions } from '../../src/export/index.js';

/** A Procfile with three types, one of them `web`, whose commands need every kind of escaping. */
export const SAMPLE_PROCFILE = [
  'web: node server.js --port $PORT --greeting "$GREETING"',
  "worker: sh -c 'echo \"$PS works\"; sleep 100' # 100% busy",
  'clock_tick: printf \'%s\\n\' "tick" && sleep 60',
  '',
].join('\n');

/** Values that break naive quoting: spaces, both quotes, `$`, `%`, backslashes, a newline, secret-looking names. */
export const SAMPLE_ENV = [
  'GREETING=hello, world',
  'QUOTED="she said \\"hi\\" and \'bye\'"',
  'DOLLAR=$HOME and ${PATH} cost $5',
  'PERCENT=100% done %n %%',
  "BACKSLASH='C:\\path\\to\\file \\n stays'",
  'TWO_LINES="line one\\nline two"',
  'API_TOKEN=s3cr3t $ecret%',
  'DATABASE_URL=postgres://shop:pa ss@db/shop',
  'PORT=6000',
  '',
].join('\n');

export const SAMPLE_FILES = { Procfile: SAMPLE_PROCFILE, '.env': SAMPLE_ENV };

/** The sample's resolved formation (web=2, worker=1, clock_tick=1, -t 8), with the root fixed so golden files do not depend on the temp folder. */
export function sampleFormation(dir: string, formation = 'web=2,worker=1,clock_tick=1'): ResolvedFormation {
  const app = loadAppConfig({ formation, timeout: 8, restart: [['web', 'always'], ['worker', 'on-failure']] }, dir, {});
  return { ...resolvedFormation(app), root: '/srv/shop 100%' };
}

export const SAMPLE_OPTIONS: ExportOptions = { app: 'shop', user: 'deploy', image: 'registry.example/shop:1.4', services: ['web'] };
