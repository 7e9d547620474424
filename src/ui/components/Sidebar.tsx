import { Box, Text } from 'ink';
import { memo } from 'react';
import { describeExit, formatUptime, killCountdown, NOTE_INDENT, sidebarLines, timeLeft, type SidebarRow } from '../sidebar-rows.js';
import { sidebarFirstRow } from '../screen-layout.js';
import { COLORS, SELECTED_MARK, STATE_GLYPHS, UNSEEN_MARK } from '../theme.js';

export interface SidebarProps {
  rows: SidebarRow[];
  selected: string | null;
  width: number;
  height: number;
  now: number;
  /** Rows whose instance printed output nobody has seen yet. */
  unseen: ReadonlySet<string>;
  /** Search matches per row while a search is active. */
  matches: ReadonlyMap<string, number> | null;
  formation: ReadonlyMap<string, number>;
}

/** The process list: a row per instance (or per type at 0), scrolled to keep the selection in view. */
export const Sidebar = memo(function Sidebar(props: SidebarProps) {
  const { rows, selected, width, height } = props;
  const visibleCount = Math.max(1, height - 1);
  const lines = sidebarLines(rows, width);
  const at = Math.max(0, lines.findIndex((l) => l.row.key === selected && !l.note));
  const first = sidebarFirstRow(lines.length, at, visibleCount);
  const shown = lines.slice(first, first + visibleCount);
  const running = rows.filter((r) => r.kind === 'instance' && r.instance.state === 'running').length;
  const instances = rows.filter((r) => r.kind === 'instance').length;
  return (
    <Box flexDirection="column" width={width} height={height}>
      <Text wrap="truncate" bold>
        {` tfui `}
        <Text color={COLORS.dim}>{`${running}/${instances} running${first > 0 ? ' ↑' : ''}${first + visibleCount < lines.length ? ' ↓' : ''}`}</Text>
      </Text>
      {shown.map(({ row, note }) =>
        note ? (
          <Text key={`${row.key}:${note}`} wrap="truncate" color={COLORS.error}>{`${' '.repeat(NOTE_INDENT)}${note}`}</Text>
        ) : (
          <SidebarRowLine key={row.key} row={row} selected={row.key === selected} width={width} now={props.now} unseen={props.unseen.has(row.key)} matchCount={props.matches?.get(row.key)} count={props.formation.get(row.kind === 'type' ? row.processType : row.instance.processType) ?? 0} />
        ),
      )}
    </Box>
  );
});

interface LineProps {
  row: SidebarRow;
  selected: boolean;
  width: number;
  now: number;
  unseen: boolean;
  matchCount: number | undefined;
  count: number;
}

function SidebarRowLine({ row, selected, width, now, unseen, matchCount, count }: LineProps) {
  const mark = selected ? SELECTED_MARK : ' ';
  const background = selected ? { backgroundColor: COLORS.selection } : {};
  if (row.kind === 'type') {
    const text = `${mark}  ${row.processType} ×${count}`;
    return (
      <Text wrap="truncate" {...background}>
        {mark}
        <Text color={COLORS.dim}>{`  ${row.processType} ×${count}`}</Text>
        {' '.repeat(Math.max(0, width - text.length))}
      </Text>
    );
  }
  const { instance } = row;
  const state = STATE_GLYPHS[instance.state];
  const alive = instance.state === 'running' || instance.state === 'starting' || instance.state === 'stopping';
  const status =
    instance.state === 'backoff' && instance.restartAt !== null
      ? `in ${timeLeft(instance.restartAt, now)}`
      : instance.state === 'stopping' && instance.killAt !== null
        ? killCountdown(instance.killAt, now)
        : alive && instance.startedAt !== null
        ? formatUptime(now - instance.startedAt)
        : instance.state === 'stopped'
          ? 'stopped'
          : describeExit(instance.lastExit);
  const nameWidth = Math.max(6, Math.min(12, width - 22));
  const extras = `${instance.restarts > 0 ? ` ↻${instance.restarts}` : ''}${matchCount !== undefined ? ` ⌕${matchCount}` : ''}`;
  const used = 2 + 1 + nameWidth + 1 + `:${instance.port} `.length + status.length + extras.length + (unseen ? 2 : 0);
  return (
    <Text wrap="truncate" {...background}>
      {mark}
      <Text color={state.color}>{state.glyph}</Text>
      {` ${instance.id.padEnd(nameWidth)} `}
      <Text color={COLORS.dim}>{`:${instance.port} `}</Text>
      <Text color={instance.state === 'crashed' ? COLORS.error : undefined}>{status}</Text>
      <Text color={COLORS.warn}>{extras}</Text>
      <Text color={COLORS.accent}>{unseen ? ` ${UNSEEN_MARK}` : ''}</Text>
      {/* The highlight spans the whole sidebar. */}
      {' '.repeat(Math.max(0, width - used))}
    </Text>
  );
}
