import { Box, Text } from 'ink';
import { memo } from 'react';
import type { SidebarRow } from '../sidebar-rows.js';
import { describeExit, formatDuration } from '../sidebar-rows.js';
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
  const at = Math.max(0, rows.findIndex((r) => r.key === selected));
  const first = sidebarFirstRow(rows.length, at, visibleCount);
  const shown = rows.slice(first, first + visibleCount);
  const running = rows.filter((r) => r.kind === 'instance' && r.instance.state === 'running').length;
  const instances = rows.filter((r) => r.kind === 'instance').length;
  return (
    <Box flexDirection="column" width={width} height={height}>
      <Text wrap="truncate" bold>
        {` tfui `}
        <Text color={COLORS.dim}>{`${running}/${instances} running${first > 0 ? ' ↑' : ''}${first + visibleCount < rows.length ? ' ↓' : ''}`}</Text>
      </Text>
      {shown.map((row) => (
        <SidebarLine key={row.key} row={row} selected={row.key === selected} width={width} now={props.now} unseen={props.unseen.has(row.key)} matchCount={props.matches?.get(row.key)} count={props.formation.get(row.kind === 'type' ? row.processType : row.instance.processType) ?? 0} />
      ))}
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

function SidebarLine({ row, selected, width, now, unseen, matchCount, count }: LineProps) {
  const mark = selected ? SELECTED_MARK : ' ';
  if (row.kind === 'type') {
    return (
      <Text wrap="truncate" inverse={selected}>
        {`${mark}  `}
        <Text color={COLORS.dim}>{`${row.processType} ×${count}`}</Text>
      </Text>
    );
  }
  const { instance } = row;
  const state = STATE_GLYPHS[instance.state];
  const alive = instance.state === 'running' || instance.state === 'starting' || instance.state === 'stopping';
  const status = alive && instance.startedAt !== null ? formatDuration(now - instance.startedAt) : instance.state === 'stopped' ? 'stopped' : describeExit(instance.lastExit);
  const nameWidth = Math.max(6, Math.min(12, width - 22));
  const extras = `${instance.restarts > 0 ? ` ↻${instance.restarts}` : ''}${matchCount !== undefined ? ` ⌕${matchCount}` : ''}`;
  return (
    <Text wrap="truncate" inverse={selected}>
      {mark}
      <Text color={state.color}>{state.glyph}</Text>
      {` ${instance.id.padEnd(nameWidth)} `}
      <Text color={COLORS.dim}>{`:${instance.port} `}</Text>
      <Text color={instance.state === 'crashed' ? COLORS.error : undefined}>{status}</Text>
      <Text color={COLORS.warn}>{extras}</Text>
      <Text color={COLORS.accent}>{unseen ? ` ${UNSEEN_MARK}` : ''}</Text>
    </Text>
  );
}
