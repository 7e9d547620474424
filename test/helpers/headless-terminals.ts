import xterm, { type IBufferLine } from '@xterm/headless';
import { afterEach } from 'vitest';
import headlessPackage from '../../node_modules/@xterm/headless/package.json' with { type: 'json' };

/** The installed @xterm/headless, named in every compat test so a failure says which version moved what. */
export const headlessVersion: string = headlessPackage.version;

export type HeadlessTerminal = InstanceType<typeof xterm.Terminal>;

const terminals: HeadlessTerminal[] = [];
afterEach(() => {
  for (const term of terminals.splice(0)) term.dispose();
});

/** A headless terminal that is disposed after the test. */
export function headlessTerminal(options: { cols: number; rows: number; scrollback?: number }): HeadlessTerminal {
  const term = new xterm.Terminal({ ...options, allowProposedApi: true });
  terminals.push(term);
  return term;
}

/** Resolves once `term` parsed `data`. */
export function written(term: HeadlessTerminal, data: string): Promise<void> {
  return new Promise((resolve) => term.write(data, resolve));
}

/** The same line without xterm's internal one behind it: what tfui sees from an xterm that moved it. */
export function publicLineOnly(line: IBufferLine): IBufferLine {
  return { isWrapped: line.isWrapped, length: line.length, getCell: (x, cell) => line.getCell(x, cell), translateToString: (...args) => line.translateToString(...args) };
}
