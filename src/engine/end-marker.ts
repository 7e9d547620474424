/**
 * Passes a pty's output through until `marker` comes by: bytes written to the
 * slave after the process exited reach the master behind everything the
 * process wrote, so seeing the marker proves that all of its output is in.
 * The marker itself is never passed on, even when it arrives in pieces.
 */
export class EndMarkerFilter {
  private armed = false;
  private found = false;
  private held: Buffer = Buffer.alloc(0);

  constructor(
    private readonly marker: Buffer,
    private readonly forward: (data: Buffer) => void,
    private readonly onFound: () => void,
  ) {}

  /** From now on the marker is looked for (before that, bytes pass untouched). */
  arm(): void {
    this.armed = true;
  }

  push(chunk: Buffer): void {
    if (!this.armed || this.found) {
      this.forward(chunk);
      return;
    }
    const data = this.held.length > 0 ? Buffer.concat([this.held, chunk]) : chunk;
    const at = data.indexOf(this.marker);
    if (at >= 0) {
      this.found = true;
      this.held = Buffer.alloc(0);
      if (at > 0) this.forward(data.subarray(0, at));
      const after = data.subarray(at + this.marker.length);
      if (after.length > 0) this.forward(after);
      this.onFound();
      return;
    }
    // The end may be the start of the marker: keep it back until the next chunk decides.
    const keep = this.partialMarkerAtEnd(data);
    this.held = Buffer.from(data.subarray(data.length - keep));
    if (data.length > keep) this.forward(data.subarray(0, data.length - keep));
  }

  /**
   * The marker will not come: drops what is held back, a part of it. Passed on,
   * half a marker would open an escape string that swallows a terminal's output.
   */
  abandon(): void {
    this.held = Buffer.alloc(0);
  }

  private partialMarkerAtEnd(data: Buffer): number {
    for (let length = Math.min(this.marker.length - 1, data.length); length > 0; length--) {
      if (data.subarray(data.length - length).equals(this.marker.subarray(0, length))) return length;
    }
    return 0;
  }
}
