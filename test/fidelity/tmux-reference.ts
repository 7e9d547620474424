/**
 * The reference: tmux's own rendering of a program run in a window of the
 * zoomed pane's exact size.
 *
 * A private tmux server (`-f /dev/null`, the user's tmux.conf kept out) runs
 * each program in a session. `capture-pane` of that session is not enough: it
 * leaves out cells erased with a background colour (`ESC[44m ESC[2J` shows a
 * blue screen, but captures as an empty one). So each session is looked at as
 * a person would, through a tmux client, attached from a pane of a second
 * server, and that pane is captured: what tmux drew, cursor included. The
 * client is told its terminal has no BCE (erases are drawn as coloured
 * blanks, which the outer pane keeps as cells) and has RGB (truecolour is
 * drawn as truecolour, not mapped to the 256 palette).
 */
import { spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { DEFAULT_WAIT_MS, poll, tmux } from '../helpers/tmux.js';

export interface CursorState {
  x: number;
  y: number;
  visible: boolean;
}

export class ReferenceTmux {
  private readonly id = `${process.pid}-${Math.random().toString(36).slice(2, 8)}`;
  /** Runs the programs. */
  private readonly inner = `tfui-fidelity-${this.id}`;
  /** Holds the clients that look at them. */
  private readonly outer = `tfui-fidelity-view-${this.id}`;
  private readonly sockets: string[] = [];
  private readonly viewing = new Set<string>();
  private readonly size = new Map<string, { cols: number; rows: number }>();

  /** Starts `command` (a shell command line) in a new session `name` of cols × rows. */
  start(name: string, cols: number, rows: number, command: string, env: Record<string, string>): void {
    const environment = { ...process.env, ...env };
    delete environment['TMUX'];
    const first = this.sockets.length === 0;
    tmux(this.inner, [
      'new-session', '-d', '-s', name, '-x', String(cols), '-y', String(rows), command,
      // The client shows the window alone: no status line.
      ...(first ? [';', 'set', '-g', 'status', 'off', ';', 'set', '-as', 'terminal-overrides', ',*:bce@', ';', 'set', '-as', 'terminal-features', ',*:RGB'] : []),
    ], environment);
    if (first) this.sockets.push(tmux(this.inner, ['display-message', '-p', '-t', name, '#{socket_path}']).trim());
    this.size.set(name, { cols, rows });
  }

  /** Waits until the session's program set its title to `title` (OSC 2): everything it wrote before is in tmux. */
  async waitForTitle(name: string, title: string, timeoutMs = DEFAULT_WAIT_MS): Promise<void> {
    await poll(() => tmux(this.inner, ['display-message', '-p', '-t', name, '#{pane_title}']).trim() === title, timeoutMs, () => `reference ${name} never set its title to ${title}`);
  }

  /** Waits until the text of session `name`'s screen satisfies `condition`. */
  async waitForScreen(name: string, condition: (text: string) => boolean, timeoutMs = DEFAULT_WAIT_MS): Promise<void> {
    let last = '';
    await poll(() => condition((last = tmux(this.inner, ['capture-pane', '-p', '-t', name]))), timeoutMs, () => `reference ${name}:\n${last}`);
  }

  /**
   * Attaches a client to session `name` (once) and waits until it has drawn
   * the session as it is now: the same text and the same cursor.
   */
  async look(name: string, timeoutMs = DEFAULT_WAIT_MS): Promise<void> {
    const { cols, rows } = this.size.get(name)!;
    if (!this.viewing.has(name)) {
      const first = this.viewing.size === 0;
      this.viewing.add(name);
      const attach = `exec env -u TMUX TERM=tmux-256color tmux -L ${this.inner} -f /dev/null attach -t ${name}`;
      tmux(this.outer, ['new-session', '-d', '-s', name, '-x', String(cols), '-y', String(rows), attach, ...(first ? [';', 'set', '-g', 'status', 'off'] : [])]);
      if (first) this.sockets.push(tmux(this.outer, ['display-message', '-p', '-t', name, '#{socket_path}']).trim());
    }
    // After a character in the last column tmux keeps the cursor one past it; the client draws it on it.
    const state = (server: string) => `${tmux(server, ['capture-pane', '-p', '-t', name])}\n${tmux(server, ['display-message', '-p', '-t', name, `#{?#{e|<:#{cursor_x},${cols - 1}},#{cursor_x},${cols - 1}} #{cursor_y} #{cursor_flag}`])}`;
    await poll(() => state(this.inner) === state(this.outer), timeoutMs, () => `the client never drew ${name}:\n${state(this.inner)}\n---\n${state(this.outer)}`);
  }

  /** What tmux drew for session `name` (after look()): SGR styles, styled blanks kept at rows' ends. */
  capture(name: string): string {
    return tmux(this.outer, ['capture-pane', '-p', '-e', '-N', '-t', name]);
  }

  /** Where tmux drew the cursor for session `name` (after look()), and whether it showed it. */
  cursor(name: string): CursorState {
    const [x, y, flag] = tmux(this.outer, ['display-message', '-p', '-t', name, '#{cursor_x} #{cursor_y} #{cursor_flag}']).trim().split(' ').map(Number);
    return { x: x!, y: y!, visible: flag === 1 };
  }

  kill(): void {
    for (const server of [this.outer, this.inner]) spawnSync('tmux', ['-L', server, 'kill-server']);
    for (const socket of this.sockets.splice(0)) rmSync(socket, { force: true });
  }
}
