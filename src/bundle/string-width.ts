import stripAnsi from 'strip-ansi';
import { eastAsianWidth } from 'get-east-asian-width';

/**
 * string-width, minus its start-up cost. Ink measures every text with
 * string-width, whose module builds an Intl.Segmenter and Unicode-property
 * regexes (~30 ms before tfui's first frame) and which segments any
 * non-ASCII text into grapheme clusters. Here, text made only of code points
 * that always form a cluster of their own (Latin, Greek, Cyrillic, box
 * drawing, arrows, symbols, braille, CJK, Hangul syllables) and control
 * characters is measured code point by code point, which gives exactly what
 * string-width gives (test/bundle checks every one of these code points);
 * anything else goes to the real string-width, loaded on first need.
 */
export interface StringWidthOptions {
  ambiguousIsNarrow?: boolean;
  countAnsiEscapeCodes?: boolean;
}
export type StringWidth = (input: string, options?: StringWidthOptions) => number;

/** Inclusive ranges of code points that are each a grapheme cluster on their own, whatever surrounds them. */
const SELF_CONTAINED: ReadonlyArray<readonly [number, number]> = [
  [0x00a0, 0x00ac], // Latin-1 (U+00AD, the soft hyphen, is invisible)
  [0x00ae, 0x02ff], // Latin Extended, IPA, spacing modifiers (combining marks start at U+0300)
  [0x0370, 0x0377],
  [0x037a, 0x037f],
  [0x0384, 0x038a],
  [0x038c, 0x038c],
  [0x038e, 0x03a1],
  [0x03a3, 0x0482], // Greek, Cyrillic up to its combining marks
  [0x048a, 0x052f],
  [0x2010, 0x2027], // punctuation (not the zero-width and direction controls around it)
  [0x2030, 0x205e],
  [0x2070, 0x2071],
  [0x2074, 0x208e],
  [0x2090, 0x209c],
  [0x20a0, 0x20c0], // currency
  [0x2100, 0x218b], // letterlike, number forms
  [0x2190, 0x2426], // arrows, maths, technical, control pictures
  [0x2440, 0x244a],
  [0x2460, 0x2b73], // enclosed, box drawing, blocks, shapes, symbols, dingbats, braille, arrows
  [0x2b76, 0x2b95],
  [0x2b97, 0x2bff],
  [0x3000, 0x3029], // CJK punctuation (U+302A..302F are marks)
  [0x3041, 0x3096], // hiragana (U+3099, U+309A are marks)
  [0x309b, 0x30ff], // katakana
  [0x4e00, 0x9fff], // CJK ideographs
  [0xac00, 0xd7a3], // Hangul syllables
];

export function isSelfContained(codePoint: number): boolean {
  for (const [from, to] of SELF_CONTAINED) {
    if (codePoint < from) return false;
    if (codePoint <= to) return true;
  }
  return false;
}

const widths = new Map<number, number>();
function codePointWidth(codePoint: number): number {
  let width = widths.get(codePoint);
  if (width === undefined) {
    width = eastAsianWidth(codePoint, { ambiguousAsWide: false });
    widths.set(codePoint, width);
  }
  return width;
}

/** string-width's answer for `input`; `slow` is string-width itself, called only for text outside the fast path. */
export function stringWidthFast(input: string, options: StringWidthOptions | undefined, slow: StringWidth): number {
  if (typeof input !== 'string' || input.length === 0) return 0;
  if (options && (options.countAnsiEscapeCodes || options.ambiguousIsNarrow === false)) return slow(input, options);
  const text = input.includes('\u001b') || input.includes('\u009b') ? stripAnsi(input) : input;
  let width = 0;
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    if (code >= 0x20 && code < 0x7f) width += 1;
    else if (code < 0x20 || (code >= 0x7f && code <= 0x9f)) continue; // controls take no room
    else if (isSelfContained(code)) width += codePointWidth(code);
    else return slow(input, options);
  }
  return width;
}
