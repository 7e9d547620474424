import type { InstanceState } from '../engine/index.js';

/** The sidebar glyphs: a screen contract that scripts and the benchmark rely on (PRODUCT.md §3). */
export const STATE_GLYPHS: Record<InstanceState, { glyph: string; color: string; label: string }> = {
  starting: { glyph: '◌', color: 'yellow', label: 'starting' },
  running: { glyph: '●', color: 'green', label: 'running' },
  stopping: { glyph: '◌', color: 'yellow', label: 'stopping' },
  exited: { glyph: '○', color: 'gray', label: 'exited cleanly' },
  crashed: { glyph: '✖', color: 'red', label: 'crashed' },
  stopped: { glyph: '■', color: 'gray', label: 'stopped' },
  backoff: { glyph: '↻', color: 'yellow', label: 'restarting after a backoff' },
};

export const SELECTED_MARK = '›';
export const UNSEEN_MARK = '•';

export const COLORS = {
  focus: 'cyan',
  input: 'magenta',
  dim: 'gray',
  accent: 'cyan',
  warn: 'yellow',
  error: 'red',
  /** The selected sidebar row's background. */
  selection: '#264f78',
} as const;
