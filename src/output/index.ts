export { LinePrinter, linePrefix, nameWidth, typeColor, type LinePrinterOptions, type LineWriter } from './line-printer.js';
export { runLineMode, type LineModeOptions } from './line-mode.js';
