import type { FrameScheduler } from './frame-scheduler.js';
import { TerminalModel } from './terminal-model.js';

/**
 * One terminal model per instance, kept across restarts so earlier output
 * stays readable. A change asks for a frame only if the instance is on screen,
 * or if it is the first unseen output of a hidden one (its sidebar mark).
 */
export class ModelRegistry {
  private readonly models = new Map<string, TerminalModel>();
  private readonly seen = new Map<string, number>();
  private visible = new Set<string>();

  constructor(
    private readonly scheduler: FrameScheduler,
    private readonly options: {
      scrollback: number;
      size: () => { cols: number; rows: number };
      onReply: (id: string, data: string) => void;
      onClipboard?: (data: string) => void;
    },
  ) {}

  /** The model of an instance, created on first use. */
  modelFor(id: string): TerminalModel {
    let model = this.models.get(id);
    if (!model) {
      const { cols, rows } = this.options.size();
      const { onClipboard } = this.options;
      model = new TerminalModel({ cols, rows, scrollback: this.options.scrollback, onReply: (data) => this.options.onReply(id, data), ...(onClipboard ? { onClipboard } : {}) });
      const created = model;
      this.seen.set(id, 0);
      model.onChange(() => {
        if (this.visible.has(id)) this.scheduler.request();
        else if (this.seen.get(id) === created.version - 1) this.scheduler.request();
      });
      this.models.set(id, model);
    }
    return model;
  }

  /** Applies a new scrollback size to every model, and to the ones made later. */
  setScrollback(lines: number): void {
    this.options.scrollback = lines;
    for (const model of this.models.values()) model.setScrollback(lines);
  }

  get(id: string): TerminalModel | undefined {
    return this.models.get(id);
  }

  /** Marks the instances on screen now; their output counts as seen. */
  setVisible(ids: Iterable<string>): void {
    this.visible = new Set(ids);
    for (const id of this.visible) {
      const model = this.models.get(id);
      if (model) this.seen.set(id, model.version);
    }
  }

  hasUnseenOutput(id: string): boolean {
    const model = this.models.get(id);
    return model !== undefined && !this.visible.has(id) && model.version > (this.seen.get(id) ?? 0);
  }

  dispose(): void {
    for (const model of this.models.values()) model.dispose();
    this.models.clear();
  }
}
