/**
 * What the differential test plays: byte streams (each drawn on an 80 × 24
 * screen, as a program would write them) and full-screen programs a user runs
 * in input mode. Each stream is small enough to stay on one screen, so the
 * comparison is of everything it drew.
 */
const E = '\x1b[';
const ATTRIBUTES = [1, 2, 3, 4, 5, 7, 8, 9];
const RESETS = [0, 22, 23, 24, 25, 27, 28, 29, 39, 49];

function range(from: number, to: number): number[] {
  return Array.from({ length: to - from }, (_, i) => from + i);
}

/** Each attribute alone, then each reset after it: `A` in the attribute, `r` after the reset. */
function attributesAndResets(): string {
  let out = '';
  for (const attribute of ATTRIBUTES) {
    out += `${E}${attribute}mA${attribute}${E}0m `;
    for (const reset of RESETS) out += `${E}${attribute};31;44mA${E}${reset}mr${E}0m`;
    out += '\r\n';
  }
  return out;
}

/** Every pair of attributes (one sequence, and two), each with every reset after it. */
function pairsAndResets(): string {
  let out = '';
  for (const reset of RESETS) {
    for (const a of ATTRIBUTES) {
      for (const b of ATTRIBUTES.filter((x) => x > a)) out += (a + b) % 2 ? `${E}${a};${b}mP${E}${reset}mr${E}0m` : `${E}${a}m${E}${b}mP${E}${reset}mr${E}0m`;
    }
    out += '\r\n';
  }
  return out;
}

/** Intensity in every order: bold, dim, both, and one of them ended or set again. */
function intensity(): string {
  return [
    // The line: dim-again was plain.
    `A ${E}2mdim ${E}1mbold+dim${E}22m${E}2m dim-again${E}0m`,
    `${E}1mB${E}2mBD${E}22m${E}1mB-again${E}2mBD${E}0m plain`,
    `${E}1;2mBD${E}0;2mD${E}0;1mB${E}0;1;2mBD${E}0m`,
    // vite's banner, as it writes it.
    `  ${E}32m➜${E}39m  ${E}1mNetwork${E}22m: ${E}2muse ${E}22m${E}1m--host${E}22m${E}2m to expose${E}22m`,
    `${E}2;3;4mdim-italic-underline${E}1mbold${E}22mnot-bold-not-dim${E}0m`,
    `${E}5;1mblink-bold${E}25mbold${E}0m ${E}8;1mhidden-bold${E}28mbold${E}0m`,
  ].join('\r\n');
}

function colours16(): string {
  const fg = [...range(30, 38), ...range(90, 98)].map((c) => `${E}${c}m${c}`).join(' ');
  const bg = [...range(40, 48), ...range(100, 108)].map((c) => `${E}${c}m${c}`).join(' ');
  return `${fg}${E}39m\r\n${bg}${E}49m\r\n${E}1;31mbold-red${E}22mred${E}2mdim-red${E}39mdim${E}0m ${E}7;32;41minverse${E}27mplain${E}0m`;
}

function colours256(): string {
  let out = '';
  for (const layer of [38, 48]) {
    for (let row = 0; row < 4; row++) {
      for (const c of range(row * 64, row * 64 + 64)) out += `${E}${layer};5;${c}m${layer === 38 ? '#' : ' '}`;
      out += `${E}0m\r\n`;
    }
  }
  // Colon forms of the same palette.
  return out + `${E}38:5:208mcolon-208${E}48:5:17mon-17${E}0m`;
}

function truecolour(): string {
  let out = '';
  for (let x = 0; x < 64; x++) out += `${E}38;2;${x * 4};${255 - x * 4};${(x * 37) % 256}m#`;
  out += `${E}0m\r\n`;
  for (let x = 0; x < 64; x++) out += `${E}48;2;${(x * 53) % 256};${x * 2};${255 - x * 3}m `;
  out += `${E}0m\r\n`;
  // Not here: `ESC[38:2:1:2:3m`, colon RGB without the colour-space slot. tmux (and iTerm2, kitty, xterm)
  // read R=1 G=2 B=3; xterm.js (VS Code's terminal too) reads the slots by position, colour space 1, R=2
  // G=3 B=0, and its maintainers keep that (xtermjs/xterm.js#5792): the form is an emitter's bug. The pane
  // follows xterm.js. With the slot (`38:2::R:G:B`, below) all agree.
  out += `${E}38:2::255:128:0mcolon-rgb${E}48:2::0:64:128m-bg${E}0m ${E}1;38;2;9;9;9;48;5;200mmixed${E}0m`;
  return out;
}

function underlineStyles(): string {
  return [0, 1, 2, 3, 4, 5].map((style) => `${E}4:${style}munder-${style}${E}24m`).join(' ') + `\r\n${E}21mdouble${E}24m ${E}4;58;5;196mcoloured-line${E}59;24m ${E}4:3mcurly${E}4:0m-off`;
}

function wideAndCombining(): string {
  return [
    '中文字符 and 한국어 and ｆｕｌｌ',
    `${E}31m中${E}32m文${E}0m|${E}7m全${E}0m|`,
    'e\u0301 a\u0308 n\u0303 — combining marks',
    'emoji 🙂 👍 ⭐ ✅ end',
    // A wide character that does not fit the last column wraps whole.
    `${'x'.repeat(79)}中`,
    `${E}44m${'y'.repeat(78)}中${E}0m`,
  ].join('\r\n');
}

function progressBars(): string {
  let out = '';
  for (let step = 0; step <= 20; step++) out += `\r[${'#'.repeat(step)}${' '.repeat(20 - step)}] ${step * 5}%`;
  out += '\r\n';
  for (let step = 0; step <= 10; step++) out += `\r${E}2K${E}36m⠋${E}0m building ${step}/10 ${E}2m(${step * 7} files)${E}0m`;
  out += `\r${E}K${E}32m✔${E}0m built\r\n`;
  // A spinner that overwrites only part of the line.
  out += 'status: waiting';
  out += `\r${E}8Cready  `;
  return out;
}

function scrollRegion(): string {
  let out = `${E}1;1Hheader line\r\n`;
  out += `${E}24;1Hfooter line`;
  out += `${E}2;23r${E}2;1H`;
  for (let i = 0; i < 40; i++) out += `scrolled ${i}\r\n`;
  // Each edit is placed with CUP: after IL and DL (`ESC[L`, `ESC[M`) xterm.js, xterm, kitty and the VT510
  // put the cursor in the first column, tmux leaves it where it was. The pane follows xterm.js.
  out += `${E}r${E}12;5H${E}41m${E}L${E}0m${E}12;5Hinserted ${E}3M${E}12;14Hafter-delete ${E}4@ins ${E}2Pdel ${E}5Xerase`;
  return out;
}

function alternateScreen(): string {
  let out = 'normal screen line 1\r\nnormal screen line 2\r\n';
  out += `${E}?1049h${E}H${E}2J`;
  out += `${E}44m${E}2J${E}H${E}1;33malternate with a blue background${E}0m`;
  out += `${E}10;10H${E}7m box ${E}0m`;
  return out;
}

function leftAlternate(): string {
  return `before\r\n${E}?1049h${E}Hin the alternate screen${E}?1049lafter`;
}

function erasesWithBackground(): string {
  return `${E}42mgreen erase to end${E}K${E}0m\r\n${E}45m${E}2Kwhole line magenta${E}0m\r\n${E}5;1H${E}46m${E}Jbelow cyan${E}0m${E}1;60H${E}1K`;
}

function tabsAndMoves(): string {
  return `a\tb\tc\td\r\n${E}5Gcol5${E}3;70Hat70${E}10Dback${E}2Bdown${E}H${E}6;1H${E}1;4mfrom-home${E}0m${E}s${E}20;20Hsaved${E}u restored`;
}

/** Where the cursor ends and how it looks, for the cursor comparison. */
function cursorCases(): Record<string, string> {
  return {
    'cursor on a styled cell': `${E}1;31mbold red${E}0m plain${E}3D`,
    'cursor hidden (htop, top)': `top-like screen${E}?25l`,
    'cursor hidden and shown': `${E}?25lhidden${E}?25h shown`,
    'cursor underline (DECSCUSR 4)': `${E}4 qunderline cursor${E}5D`,
    'cursor bar (DECSCUSR 6) on underlined text': `${E}6 q${E}4munderlined${E}0m bar${E}6D`,
    'cursor after the last column (pending wrap)': 'z'.repeat(80),
    'cursor after RIS': `${E}?25l${E}6 qbefore\x1bcafter reset`,
    'cursor on an inverse cell': `${E}7minverse${E}0m${E}4D`,
    'cursor on a wide character': `中文字${E}4D`,
  };
}

export const STREAMS: Record<string, string> = {
  'attributes and resets': attributesAndResets(),
  'pairs of attributes and resets': pairsAndResets(),
  'bold and dim': intensity(),
  '16 colours': colours16(),
  '256 colours': colours256(),
  truecolour: truecolour(),
  'underline styles': underlineStyles(),
  'wide and combining characters': wideAndCombining(),
  'progress bars': progressBars(),
  'scroll region, insert and delete': scrollRegion(),
  'alternate screen': alternateScreen(),
  'alternate screen left': leftAlternate(),
  'erases with a background': erasesWithBackground(),
  'tabs and cursor moves': tabsAndMoves(),
  ...cursorCases(),
};

/** The cursor shape the last DECSCUSR in `bytes` asked for (RIS forgets it); tmux 3.3 cannot report it. */
export function cursorShapeOf(bytes: string): 'block' | 'underline' | 'bar' {
  let shape: 'block' | 'underline' | 'bar' = 'block';
  for (const match of bytes.matchAll(/\x1b\[(\d*) q|\x1bc/g)) {
    const n = Number(match[1] ?? 0);
    shape = n === 3 || n === 4 ? 'underline' : n === 5 || n === 6 ? 'bar' : 'block';
  }
  return shape;
}

/** A full-screen program a user runs in input mode, and what of its screen is the same on every run. */
export interface Session {
  /** The Procfile command (run by sh in the project folder, which has sample.txt). */
  command: string;
  /** The reference has drawn its screen once this holds for its text. */
  ready: (text: string) => boolean;
  /** Which rows to compare (all when absent): the static parts. */
  rows?: (text: string[]) => number[];
}

export const SAMPLE = [
  'function greet(name) {',
  '\t// a tab, and a wide character: 中',
  '  return `hello ${name}`;',
  '}',
  ...Array.from({ length: 40 }, (_, i) => `line ${i + 5} of the sample`),
].join('\n') + '\n';

export const SESSIONS: Record<string, Session> = {
  // No vimrc, no viminfo, no swap file: the same screen on every machine.
  vim: { command: 'vim -u NONE -i NONE -N -n sample.txt', ready: (text) => text.includes('sample.txt') && text.includes('line 20') },
  'vim with line numbers and a cursor line': {
    command: "vim -u NONE -i NONE -N -n -c 'set number cursorline' -c 'hi CursorLine cterm=underline' -c 3 sample.txt",
    ready: (text) => text.includes('  3 ') && text.includes('sample.txt'),
  },
  less: { command: 'less -R sample.txt', ready: (text) => text.includes('sample.txt') && text.includes('line 20') },
  // top's figures change from one second to the next: its column header and its hidden cursor are compared.
  top: { command: 'top -d 60', ready: (text) => /PID\s+USER/.test(text), rows: (text) => text.flatMap((row, y) => (/PID\s+USER/.test(row) ? [y] : [])) },
};
