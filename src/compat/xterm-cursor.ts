import type { IDisposable, Terminal } from '@xterm/headless';

/** The cursor shapes a program can ask for with DECSCUSR (`ESC [ n SP q`). */
export type CursorShape = 'block' | 'underline' | 'bar';

export interface CursorLook {
  /** Hidden by DECTCEM (`ESC[?25l`), as htop, top and vim while redrawing do. */
  hidden: boolean;
  shape: CursorShape;
}

/** What @xterm/headless 6 keeps of the cursor on its core service; none of it is public API. */
interface CoreService {
  isCursorHidden?: unknown;
  decPrivateModes?: { cursorStyle?: unknown };
}

function coreServiceOf(term: Terminal): CoreService | undefined {
  return (term as unknown as { _core?: { coreService?: CoreService } })._core?.coreService;
}

function isShape(value: unknown): value is CursorShape {
  return value === 'block' || value === 'underline' || value === 'bar';
}

/** Whether this xterm keeps the cursor's visibility and shape where cursorLook reads them (test/compat checks it). */
export function readsCursorLook(term: Terminal): boolean {
  const core = coreServiceOf(term);
  return typeof core?.isCursorHidden === 'boolean' && typeof core.decPrivateModes === 'object';
}

/**
 * The cursor as the program last set it. xterm parses DECTCEM and DECSCUSR
 * (and resets them on RIS and DECSTR) but its public API exposes neither.
 * Another xterm without these fields gives a visible block: the cursor as
 * tfui drew it before it knew better.
 */
export function cursorLook(term: Terminal): CursorLook {
  const core = coreServiceOf(term);
  const hidden = core?.isCursorHidden === true;
  // DECSCUSR 0 (or none yet) leaves the terminal's own default.
  const asked = core?.decPrivateModes?.cursorStyle;
  const shape = isShape(asked) ? asked : isShape(term.options.cursorStyle) ? term.options.cursorStyle : 'block';
  return { hidden, shape };
}

/**
 * Makes RIS (`ESC c`, what `reset` and `tput reset` send) show the cursor
 * again, as xterm, tmux and VS Code do: @xterm/headless 6 resets everything
 * else but leaves a hidden cursor hidden. The handler runs before xterm's own
 * and lets it run (returns false).
 */
export function showCursorOnReset(term: Terminal): IDisposable {
  return term.parser.registerEscHandler({ final: 'c' }, () => {
    const core = coreServiceOf(term);
    if (core && typeof core.isCursorHidden === 'boolean') core.isCursorHidden = false;
    return false;
  });
}
