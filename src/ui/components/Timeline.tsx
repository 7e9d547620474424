import { Box, Text } from 'ink';
import { describeMark } from '../timeline/mark-details.js';
import { laneCells, MARKS, timeWindow, type Lane, type MarkKind } from '../timeline/timeline-model.js';
import { COLORS } from '../theme.js';

export interface TimelineProps {
  lanes: Lane[];
  /** Index of the chosen lane, and of its chosen mark counted from the newest. */
  lane: number;
  mark: number;
  zoom: number;
  details: boolean;
  start: number;
  now: number;
  width: number;
  height: number;
}

function clock(at: number): string {
  return new Date(at).toLocaleTimeString('en-GB');
}

/** `t`: every start, exit, crash and restart along time, a lane per instance. */
export function Timeline({ lanes, lane, mark, zoom, details, start, now, width, height }: TimelineProps) {
  const chosenLane = lanes[lane];
  const chosen = chosenLane ? chosenLane.marks[chosenLane.marks.length - 1 - mark] : undefined;
  const window = timeWindow(start, now, zoom, chosen?.at ?? null);
  const nameWidth = Math.min(16, Math.max(6, ...lanes.map((l) => l.id.length)) + 1);
  const laneWidth = Math.max(10, width - nameWidth - 3);
  const description = details && chosen && chosenLane ? describeMark(chosenLane.id, chosen) : null;
  const detailRows = description ? Math.min(height - 6, 3 + description.lastLines.length) : 0;
  const laneRoom = Math.max(1, height - 4 - detailRows);
  const firstLane = Math.min(Math.max(0, lane - Math.floor(laneRoom / 2)), Math.max(0, lanes.length - laneRoom));
  const blank = ' '.repeat(width);
  return (
    <Box flexDirection="column" width={width} height={height}>
      <Text wrap="truncate" bold>
        {' Timeline '}
        <Text color={COLORS.dim}>{`${clock(window.from)} → ${clock(window.to)}${zoom > 0 ? `  zoom ×${2 ** zoom}` : ''}`}</Text>
      </Text>
      {lanes.length === 0 ? <Text color={COLORS.dim}>{' nothing has happened yet'}</Text> : null}
      {lanes.slice(firstLane, firstLane + laneRoom).map((l, i) => {
        const index = firstLane + i;
        const cells = laneCells(l, window, laneWidth, now);
        return (
          <Box key={l.id} height={1} flexShrink={0}>
            <Text wrap="truncate">
              <Text inverse={index === lane}>{`${index === lane ? '›' : ' '}${l.id.padEnd(nameWidth)}`}</Text>
              {' '}
              {segments(cells).map((segment, x) =>
                segment.mark ? (
                  <Text key={x} color={MARKS[segment.mark.kind].color} inverse={segment.mark === chosen} bold>
                    {segment.text}
                  </Text>
                ) : (
                  <Text key={x} dimColor={segment.text[0] !== '━'}>
                    {segment.text}
                  </Text>
                ),
              )}
            </Text>
          </Box>
        );
      })}
      <Box flexGrow={1} />
      {description ? (
        <Box flexDirection="column" flexShrink={0} borderStyle="single" borderColor={COLORS.focus} borderLeft={false} borderRight={false} borderBottom={false}>
          <Text wrap="truncate" bold>{description.headline}</Text>
          <Text wrap="truncate">{description.facts.join(' · ')}</Text>
          {description.lastLines.length > 0 ? <Text color={COLORS.dim}>{'last lines:'}</Text> : null}
          {description.lastLines.slice(-Math.max(0, detailRows - 3)).map((line, i) => (
            <Text key={i} wrap="truncate">{`  ${line}`}</Text>
          ))}
        </Box>
      ) : (
        <Text wrap="truncate">{blank}</Text>
      )}
      <Text wrap="truncate" color={COLORS.dim}>
        {(Object.keys(MARKS) as MarkKind[]).map((kind) => `${MARKS[kind].glyph} ${MARKS[kind].label}`).join('  ')}
      </Text>
    </Box>
  );
}

/** Runs of plain cells joined into one piece of text, so a lane is a handful of nodes, not one per cell. */
function segments(cells: ReturnType<typeof laneCells>): Array<{ text: string; mark: ReturnType<typeof laneCells>[number]['mark'] }> {
  const out: Array<{ text: string; mark: ReturnType<typeof laneCells>[number]['mark'] }> = [];
  for (const cell of cells) {
    const last = out.at(-1);
    if (!cell.mark && last && !last.mark && last.text[0] === cell.char) last.text += cell.char;
    else out.push({ text: cell.char, mark: cell.mark });
  }
  return out;
}
