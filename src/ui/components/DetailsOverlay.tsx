import { Text } from 'ink';
import type { ReactNode } from 'react';
import { instanceEnvironment, isSecretName, maskValue, type AppConfig, type EnvSource } from '../../config/index.js';
import type { InstanceSnapshot } from '../../engine/index.js';
import { describeExit, formatDuration } from '../sidebar-rows.js';
import { COLORS, STATE_GLYPHS } from '../theme.js';
import { Overlay } from './Overlay.js';

export interface DetailsOverlayProps {
  app: AppConfig;
  instance: InstanceSnapshot;
  revealSecrets: boolean;
  revealKey: string;
  now: number;
  scroll: number;
  screen: { columns: number; rows: number };
}

function sourceLabel(source: EnvSource): string {
  if (source.kind === 'file') return `${source.file}:${source.line}`;
  if (source.kind === 'tfui') return `tfui (${source.why})`;
  return 'shell';
}

/** `e`: what an instance runs and with which environment, each variable with where it came from. */
export function DetailsOverlay({ app, instance, revealSecrets, revealKey, now, scroll, screen }: DetailsOverlayProps) {
  const type = app.types.find((t) => t.name === instance.processType);
  const env = type ? [...instanceEnvironment(app, type, instance.number)] : [];
  // Variables set on purpose (env files, tfui) first; the shell's long tail after.
  const ordered = [...env.filter(([, v]) => v.source.kind !== 'shell'), ...env.filter(([, v]) => v.source.kind === 'shell')];
  const keyWidth = Math.min(24, Math.max(...ordered.map(([key]) => key.length)));
  const sourceWidth = Math.min(34, Math.max(...ordered.map(([, v]) => sourceLabel(v.source).length)));
  const state = STATE_GLYPHS[instance.state];
  const alive = instance.pid !== null && instance.startedAt !== null;
  const lines: ReactNode[] = [
    <Text wrap="truncate">
      <Text color={state.color}>{`${state.glyph} ${state.label}`}</Text>
      {alive ? `  pid ${instance.pid}  up ${formatDuration(now - (instance.startedAt ?? now))}` : ''}
      {`  restarts ${instance.restarts}`}
      {instance.lastExit ? `  last exit ${describeExit(instance.lastExit)}` : ''}
    </Text>,
    ...(instance.portConflict ? [<Text color={COLORS.error}>{`PORT ${instance.portConflict}`}</Text>] : []),
    ...(instance.gaveUp ? [<Text color={COLORS.error}>{`restarts stopped: ${instance.gaveUp}`}</Text>] : []),
    `command  ${instance.command}`,
    `cwd      ${app.root}`,
    `PORT     ${instance.port}`,
    '',
    <Text bold>environment</Text>,
    ...ordered.map(([key, variable]) => {
      const value = isSecretName(key) && !revealSecrets ? maskValue(variable.value) : JSON.stringify(variable.value);
      return (
        <Text wrap="truncate">
          {`${key.padEnd(keyWidth)} `}
          <Text color={COLORS.dim}>{`${sourceLabel(variable.source).padEnd(sourceWidth)} `}</Text>
          {value}
        </Text>
      );
    }),
  ];
  return <Overlay title={`${instance.id} details  (Esc closes · ${revealKey} ${revealSecrets ? 'masks' : 'shows'} secrets)`} lines={lines} scroll={scroll} width={110} screen={screen} />;
}
