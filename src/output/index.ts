export { LinePrinter, nameWidth, type LinePrinterOptions, type LineWriter } from './line-printer.js';
export { runLineMode, type LineModeOptions } from './line-mode.js';
