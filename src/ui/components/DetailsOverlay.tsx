import { Text } from 'ink';
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
  screen: { columns: number; rows: number };
}

function sourceLabel(source: EnvSource): string {
  if (source.kind === 'file') return `${source.file}:${source.line}`;
  if (source.kind === 'tfui') return `tfui (${source.why})`;
  return 'shell';
}

/** `e`: what an instance runs and with which environment, each variable with where it came from. */
export function DetailsOverlay({ app, instance, revealSecrets, revealKey, now, screen }: DetailsOverlayProps) {
  const type = app.types.find((t) => t.name === instance.processType);
  const env = type ? [...instanceEnvironment(app, type, instance.number)] : [];
  // Variables set on purpose (env files, tfui) first; the shell's long tail after.
  const ordered = [...env.filter(([, v]) => v.source.kind !== 'shell'), ...env.filter(([, v]) => v.source.kind === 'shell')];
  const height = Math.min(screen.rows - 2, 40);
  const room = Math.max(1, height - 11);
  const shown = ordered.slice(0, room);
  const keyWidth = Math.min(28, Math.max(...shown.map(([key]) => key.length)));
  const state = STATE_GLYPHS[instance.state];
  const alive = instance.pid !== null && instance.startedAt !== null;
  return (
    <Overlay title={`${instance.id} details  (Esc closes · ${revealKey} ${revealSecrets ? 'masks' : 'shows'} secrets)`} width={Math.min(110, screen.columns - 4)} height={height} screen={screen}>
      <Text wrap="truncate">
        <Text color={state.color}>{`${state.glyph} ${state.label}`}</Text>
        {alive ? `  pid ${instance.pid}  up ${formatDuration(now - (instance.startedAt ?? now))}` : ''}
        {`  restarts ${instance.restarts}`}
        {instance.lastExit ? `  last exit ${describeExit(instance.lastExit)}` : ''}
      </Text>
      <Text wrap="truncate">{`command  ${instance.command}`}</Text>
      <Text wrap="truncate">{`cwd      ${app.root}`}</Text>
      <Text wrap="truncate">{`PORT     ${instance.port}`}</Text>
      <Text bold>{'\nenvironment'}</Text>
      {shown.map(([key, variable]) => {
        const value = isSecretName(key) && !revealSecrets ? maskValue(variable.value) : JSON.stringify(variable.value);
        return (
          <Text key={key} wrap="truncate">
            {`${key.padEnd(keyWidth)} `}
            <Text color={COLORS.dim}>{`${sourceLabel(variable.source).padEnd(14)} `}</Text>
            {value}
          </Text>
        );
      })}
      {ordered.length > shown.length ? <Text color={COLORS.dim}>{`… and ${ordered.length - shown.length} more from the shell`}</Text> : null}
    </Overlay>
  );
}
