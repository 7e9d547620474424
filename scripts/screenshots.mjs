#!/usr/bin/env node
// `npm run screenshots`: runs the real tfui on examples/ inside a private,
// detached tmux server at a fixed size, drives it with keys, and turns what
// tmux holds on its screen (text with SGR escapes) into SVG and then PNG
// (rsvg-convert). Nothing in screenshots/ is drawn by hand.
//
// Every wait polls the screen against a deadline; there are no fixed sleeps.
// The tmux server is killed and every process this run started is accounted
// for, whatever happens.
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve as resolvePath } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolvePath(fileURLToPath(new URL('..', import.meta.url)));
const OUT_DIR = join(ROOT, 'screenshots');
const COLS = 120;
const ROWS = 34;
/** PNGs are rendered at twice the SVG's size, so they stay sharp when scaled down. */
const ZOOM = 2;
/** `--keep`: also leave each screen's SVG and raw capture (.ans) in screenshots/, for debugging. */
const keep = process.argv.includes('--keep');

// ---------------------------------------------------------------------------
// Tools
// ---------------------------------------------------------------------------

function requireTool(command, args, installHint) {
  const result = spawnSync(command, args, { encoding: 'utf8' });
  if (result.error || result.status !== 0) {
    process.stderr.write(`screenshots: \`${command}\` is needed but ${result.error?.code === 'ENOENT' ? 'was not found on PATH' : 'did not run'}; ${installHint}\n`);
    process.exit(1);
  }
}

requireTool('tmux', ['-V'], 'install it (Debian/Ubuntu: apt-get install tmux; macOS: brew install tmux)');
const TMUX = spawnSync('sh', ['-c', 'command -v tmux'], { encoding: 'utf8' }).stdout.trim() || 'tmux';
requireTool('rsvg-convert', ['--version'], 'install it (Debian/Ubuntu: apt-get install librsvg2-bin; macOS: brew install librsvg)');
requireTool('ps', ['-o', 'pid=', '-p', String(process.pid)], 'it is part of procps');
if (!existsSync(join(ROOT, 'dist', 'cli.bundle.js'))) {
  process.stderr.write('screenshots: dist/cli.bundle.js is missing; run `npm run screenshots` (it builds first)\n');
  process.exit(1);
}
{
  const fonts = spawnSync('fc-list', ['DejaVu Sans Mono'], { encoding: 'utf8' });
  if (!fonts.error && fonts.stdout.trim() === '') {
    process.stderr.write('screenshots: warning: the font "DejaVu Sans Mono" is not installed (Debian: fonts-dejavu-core); the PNGs will use another monospace font and may not line up\n');
  }
}

// ---------------------------------------------------------------------------
// The private tmux server and the processes it holds
// ---------------------------------------------------------------------------

const socket = `tfui-screenshots-${process.pid}-${randomBytes(3).toString('hex')}`;
const work = mkdtempSync(join(tmpdir(), 'tfui-screenshots-'));
const configDir = join(work, 'config');
mkdirSync(configDir);
const exitFile = join(work, 'exit-status');

// A small, known environment: nothing of the caller's shell leaks into the details screen.
const locale = [process.env.LC_ALL, process.env.LC_CTYPE, process.env.LANG].find((v) => v && /utf-?8/i.test(v)) ?? 'C.UTF-8';
const paneEnv = {
  PATH: [...new Set([dirname(process.execPath), '/usr/local/bin', '/usr/bin', '/bin'])].join(':'),
  HOME: process.env.HOME ?? work,
  LANG: locale,
  SHELL: '/bin/sh',
  TERM: 'xterm-256color',
  TFUI_CONFIG_DIR: configDir,
};

function tmux(...args) {
  const result = spawnSync(TMUX, ['-u', '-L', socket, '-f', '/dev/null', ...args], { encoding: 'utf8', env: paneEnv });
  if (result.error) throw result.error;
  if (result.status !== 0) throw new Error(`tmux ${args[0]} failed: ${result.stderr.trim()}`);
  return result.stdout;
}

let serverStarted = false;
let socketPath = null;
function killServer() {
  if (!serverStarted) return;
  serverStarted = false;
  spawnSync(TMUX, ['-L', socket, '-f', '/dev/null', 'kill-server'], { stdio: 'ignore', env: paneEnv });
  // tmux can leave its socket file behind.
  if (socketPath) rmSync(socketPath, { force: true });
}

/** Every process seen below the pane (pid → command line), so none can outlive this run unnoticed. */
const started = new Map();
let panePid = null;

function processTable() {
  const result = spawnSync('ps', ['-eo', 'pid=,ppid=,args='], { encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 });
  const table = [];
  for (const line of result.stdout.split('\n')) {
    const match = /^\s*(\d+)\s+(\d+)\s(.*)$/.exec(line);
    if (match) table.push({ pid: Number(match[1]), ppid: Number(match[2]), args: match[3].trim() });
  }
  return table;
}

function trackProcesses() {
  if (panePid === null) return;
  const table = processTable();
  const below = new Set([panePid]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const p of table) {
      if (!below.has(p.pid) && below.has(p.ppid)) {
        below.add(p.pid);
        grew = true;
      }
    }
  }
  for (const p of table) if (below.has(p.pid) && p.pid !== panePid) started.set(p.pid, p.args);
}

/** The processes of this run still alive (same pid and same command line: pids get reused). */
function survivors() {
  const alive = new Map(processTable().map((p) => [p.pid, p.args]));
  return [...started].filter(([pid, args]) => alive.get(pid) === args);
}

function sleepSync(ms) {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/** Kills what is left of this run; returns what had to be killed. */
function killSurvivors() {
  const left = survivors();
  for (const [pid] of left) {
    try {
      process.kill(pid, 'SIGTERM');
    } catch {}
  }
  for (let i = 0; i < 20 && survivors().length > 0; i++) sleepSync(100);
  for (const [pid] of survivors()) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {}
  }
  return left;
}

let cleanedUp = false;
function cleanUp() {
  if (cleanedUp) return [];
  cleanedUp = true;
  trackProcesses();
  killServer();
  const killed = killSurvivors();
  rmSync(work, { recursive: true, force: true });
  return killed;
}

for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(signal, () => {
    process.stderr.write(`\nscreenshots: ${signal}: stopping tmux and every process of this run\n`);
    cleanUp();
    process.exit(130);
  });
}

// ---------------------------------------------------------------------------
// Reading the screen: tmux's SGR text into a grid of styled cells
// ---------------------------------------------------------------------------

// Unicode ranges of double-width and zero-width characters (East Asian Width W/F, emoji; combining marks).
const WIDE = [
  [0x1100, 0x115f], [0x231a, 0x231b], [0x2329, 0x232a], [0x23e9, 0x23ec], [0x23f0, 0x23f0], [0x23f3, 0x23f3],
  [0x25fd, 0x25fe], [0x2614, 0x2615], [0x2648, 0x2653], [0x267f, 0x267f], [0x2693, 0x2693], [0x26a1, 0x26a1],
  [0x26aa, 0x26ab], [0x26bd, 0x26be], [0x26c4, 0x26c5], [0x26ce, 0x26ce], [0x26d4, 0x26d4], [0x26ea, 0x26ea],
  [0x26f2, 0x26f3], [0x26f5, 0x26f5], [0x26fa, 0x26fa], [0x26fd, 0x26fd], [0x2705, 0x2705], [0x270a, 0x270b],
  [0x2728, 0x2728], [0x274c, 0x274c], [0x274e, 0x274e], [0x2753, 0x2755], [0x2757, 0x2757], [0x2795, 0x2797],
  [0x27b0, 0x27b0], [0x27bf, 0x27bf], [0x2b1b, 0x2b1c], [0x2b50, 0x2b50], [0x2b55, 0x2b55], [0x2e80, 0x303e],
  [0x3041, 0x33ff], [0x3400, 0x4dbf], [0x4e00, 0x9fff], [0xa000, 0xa4cf], [0xa960, 0xa97f], [0xac00, 0xd7a3],
  [0xf900, 0xfaff], [0xfe10, 0xfe19], [0xfe30, 0xfe6f], [0xff00, 0xff60], [0xffe0, 0xffe6], [0x16fe0, 0x18aff],
  [0x1b000, 0x1b2ff], [0x1f004, 0x1f004], [0x1f0cf, 0x1f0cf], [0x1f18e, 0x1f18e], [0x1f191, 0x1f19a],
  [0x1f200, 0x1f251], [0x1f300, 0x1f320], [0x1f32d, 0x1f335], [0x1f337, 0x1f37c], [0x1f37e, 0x1f393],
  [0x1f3a0, 0x1f3ca], [0x1f3cf, 0x1f3d3], [0x1f3e0, 0x1f3f0], [0x1f3f4, 0x1f3f4], [0x1f3f8, 0x1f43e],
  [0x1f440, 0x1f440], [0x1f442, 0x1f4fc], [0x1f4ff, 0x1f53d], [0x1f54b, 0x1f54e], [0x1f550, 0x1f567],
  [0x1f57a, 0x1f57a], [0x1f595, 0x1f596], [0x1f5a4, 0x1f5a4], [0x1f5fb, 0x1f64f], [0x1f680, 0x1f6c5],
  [0x1f6cc, 0x1f6cc], [0x1f6d0, 0x1f6d2], [0x1f6d5, 0x1f6d7], [0x1f6eb, 0x1f6ec], [0x1f6f4, 0x1f6fc],
  [0x1f7e0, 0x1f7eb], [0x1f90c, 0x1f93a], [0x1f93c, 0x1f945], [0x1f947, 0x1f9ff], [0x1fa70, 0x1faff],
  [0x20000, 0x2fffd], [0x30000, 0x3fffd],
];
const ZERO = [
  [0x0300, 0x036f], [0x0483, 0x0489], [0x0591, 0x05bd], [0x0610, 0x061a], [0x064b, 0x065f], [0x0e31, 0x0e31],
  [0x0e34, 0x0e3a], [0x1ab0, 0x1aff], [0x1dc0, 0x1dff], [0x200b, 0x200f], [0x2060, 0x2064], [0x20d0, 0x20ff],
  [0xfe00, 0xfe0f], [0xfe20, 0xfe2f], [0xfeff, 0xfeff], [0xe0100, 0xe01ef],
];
const inRanges = (code, ranges) => ranges.some(([from, to]) => code >= from && code <= to);
function charWidth(code) {
  if (code < 0x20 || (code >= 0x7f && code < 0xa0)) return 0;
  if (code < 0x300) return 1;
  if (inRanges(code, ZERO)) return 0;
  return inRanges(code, WIDE) ? 2 : 1;
}

const PLAIN = Object.freeze({ fg: null, bg: null, bold: false, dim: false, italic: false, underline: false, inverse: false, hidden: false, strike: false });

/** Applies one SGR sequence's parameters (`1;38;5;208`, colon sub-parameters too) to a style. */
function applySgr(style, paramText) {
  const s = { ...style };
  const params = paramText === '' ? [['0']] : paramText.split(';').map((p) => p.split(':'));
  const extended = (i) => {
    // 38;5;n  38;2;r;g;b  38:5:n  38:2::r:g:b  38:2:r:g:b; returns [colour, parameters used].
    const [head, ...sub] = params[i];
    if (sub.length > 0) {
      const nums = sub.map(Number);
      if (nums[0] === 5) return [{ index: nums[1] }, 1];
      if (nums[0] === 2) {
        const rgb = nums.length >= 5 ? nums.slice(2, 5) : nums.slice(1, 4);
        return [{ rgb }, 1];
      }
      return [null, 1];
    }
    void head;
    const mode = Number(params[i + 1]?.[0]);
    if (mode === 5) return [{ index: Number(params[i + 2]?.[0]) }, 3];
    if (mode === 2) return [{ rgb: [1, 2, 3].map((k) => Number(params[i + 2 + k - 1]?.[0] ?? 0)) }, 5];
    return [null, 1];
  };
  for (let i = 0; i < params.length; ) {
    const code = Number(params[i][0] || 0);
    const sub = params[i][1];
    let used = 1;
    if (code === 0) Object.assign(s, PLAIN);
    else if (code === 1) s.bold = true;
    else if (code === 2) s.dim = true;
    else if (code === 3) s.italic = true;
    else if (code === 4) s.underline = sub === undefined ? true : sub !== '0';
    else if (code === 7) s.inverse = true;
    else if (code === 8) s.hidden = true;
    else if (code === 9) s.strike = true;
    else if (code === 21) s.underline = true;
    else if (code === 22) s.bold = s.dim = false;
    else if (code === 23) s.italic = false;
    else if (code === 24) s.underline = false;
    else if (code === 27) s.inverse = false;
    else if (code === 28) s.hidden = false;
    else if (code === 29) s.strike = false;
    else if (code >= 30 && code <= 37) s.fg = { index: code - 30 };
    else if (code === 38) [s.fg, used] = extended(i);
    else if (code === 39) s.fg = null;
    else if (code >= 40 && code <= 47) s.bg = { index: code - 40 };
    else if (code === 48) [s.bg, used] = extended(i);
    else if (code === 49) s.bg = null;
    else if (code === 58) used = extended(i)[1]; // underline colour: not drawn
    else if (code >= 90 && code <= 97) s.fg = { index: code - 90 + 8 };
    else if (code >= 100 && code <= 107) s.bg = { index: code - 100 + 8 };
    i += used;
  }
  return s;
}

/**
 * Parses `capture-pane -p -e` output into rows of cells: { ch, width, style }, a
 * wide character's second cell being { ch: '', width: 0 }. The style carries over
 * from line to line, as tmux writes it.
 */
function parseScreen(text, cols, rows) {
  const blank = () => ({ ch: ' ', width: 1, style: PLAIN });
  const grid = Array.from({ length: rows }, () => Array.from({ length: cols }, blank));
  let style = PLAIN;
  let row = 0;
  let col = 0;
  const chars = [...text];
  for (let i = 0; i < chars.length; i++) {
    const ch = chars[i];
    if (ch === '\x1b') {
      const next = chars[i + 1];
      if (next === '[') {
        let j = i + 2;
        while (j < chars.length && !/[@-~]/.test(chars[j])) j++;
        if (chars[j] === 'm') style = applySgr(style, chars.slice(i + 2, j).join(''));
        i = j;
      } else if (next === ']' || next === 'P' || next === '_') {
        // OSC / DCS / APC (e.g. OSC 8 hyperlinks): skipped up to BEL or ST.
        let j = i + 2;
        while (j < chars.length && chars[j] !== '\x07' && !(chars[j] === '\x1b' && chars[j + 1] === '\\')) j++;
        i = chars[j] === '\x07' ? j : j + 1;
      } else {
        i += 1;
      }
      continue;
    }
    if (ch === '\n') {
      row += 1;
      col = 0;
      continue;
    }
    if (ch === '\t') {
      col = Math.min(cols, (Math.floor(col / 8) + 1) * 8);
      continue;
    }
    const code = ch.codePointAt(0);
    const width = charWidth(code);
    if (row >= rows) break;
    if (width === 0) {
      if (code >= 0x20 && col > 0) {
        const prev = grid[row][col - 1].width === 0 && col > 1 ? grid[row][col - 2] : grid[row][col - 1];
        prev.ch += ch;
      }
      continue;
    }
    if (col + width > cols) continue;
    grid[row][col] = { ch, width, style };
    if (width === 2) grid[row][col + 1] = { ch: '', width: 0, style };
    col += width;
  }
  return grid;
}

function gridText(grid) {
  return grid.map((line) => line.map((cell) => cell.ch).join('').trimEnd());
}

// ---------------------------------------------------------------------------
// Drawing: the grid as SVG in a dark terminal theme
// ---------------------------------------------------------------------------

// The theme (VS Code's dark terminal colours): background, foreground and the 16 ANSI colours.
const THEME = {
  background: '#1e1e1e',
  foreground: '#cccccc',
  ansi: [
    '#000000', '#cd3131', '#0dbc79', '#e5e510', '#2472c8', '#bc3fbc', '#11a8cd', '#e5e5e5',
    '#666666', '#f14c4c', '#23d18b', '#f5f543', '#3b8eea', '#d670d6', '#29b8db', '#ffffff',
  ],
};
const FONT_FAMILY = "'DejaVu Sans Mono', 'Menlo', 'Consolas', monospace";
/** DejaVu Sans Mono's advance is 1233/2048 em: this font size makes a cell exactly CELL_W wide. */
const CELL_W = 9;
const CELL_H = 18;
const FONT_SIZE = (CELL_W * 2048) / 1233;
/** The font's ascent and descent (1901 and 483 of 2048 units), centred in the cell. */
const BASELINE = (CELL_H - (FONT_SIZE * (1901 + 483)) / 2048) / 2 + (FONT_SIZE * 1901) / 2048;
const PAD = 14;

const hex = (rgb) => `#${rgb.map((v) => Math.max(0, Math.min(255, Math.round(v))).toString(16).padStart(2, '0')).join('')}`;
const rgbOf = (color) => [1, 3, 5].map((i) => parseInt(color.slice(i, i + 2), 16));
const mix = (a, b, t) => hex(rgbOf(a).map((v, i) => v * (1 - t) + rgbOf(b)[i] * t));

function paletteColor(index) {
  if (index < 16) return THEME.ansi[index];
  if (index < 232) {
    const levels = [0, 95, 135, 175, 215, 255];
    const n = index - 16;
    return hex([levels[Math.floor(n / 36) % 6], levels[Math.floor(n / 6) % 6], levels[n % 6]]);
  }
  const gray = 8 + (Math.min(index, 255) - 232) * 10;
  return hex([gray, gray, gray]);
}

function resolve(color, fallback) {
  if (!color) return fallback;
  if (color.rgb) return hex(color.rgb);
  return Number.isFinite(color.index) ? paletteColor(color.index) : fallback;
}

/** The colours a cell is painted with: inverse swaps them, dim blends the text towards the background. */
function cellColors(style) {
  let fg = resolve(style.fg, THEME.foreground);
  let bg = resolve(style.bg, THEME.background);
  if (style.inverse) [fg, bg] = [bg, fg];
  if (style.dim) fg = mix(fg, bg, 0.45);
  if (style.hidden) fg = bg;
  return { fg, bg };
}

const escapeXml = (text) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const num = (n) => String(Math.round(n * 100) / 100);

// Box drawing (U+2500–257F) drawn as lines, so rules meet exactly from cell to cell.
// Each entry: [up, right, down, left], 1 = light, 2 = heavy, 3 = double.
const BOX = {
  '─': [0, 1, 0, 1], '━': [0, 2, 0, 2], '│': [1, 0, 1, 0], '┃': [2, 0, 2, 0],
  '┌': [0, 1, 1, 0], '┐': [0, 0, 1, 1], '└': [1, 1, 0, 0], '┘': [1, 0, 0, 1],
  '┏': [0, 2, 2, 0], '┓': [0, 0, 2, 2], '┗': [2, 2, 0, 0], '┛': [2, 0, 0, 2],
  '├': [1, 1, 1, 0], '┤': [1, 0, 1, 1], '┬': [0, 1, 1, 1], '┴': [1, 1, 0, 1], '┼': [1, 1, 1, 1],
  '┣': [2, 2, 2, 0], '┫': [2, 0, 2, 2], '┳': [0, 2, 2, 2], '┻': [2, 2, 0, 2], '╋': [2, 2, 2, 2],
  '═': [0, 3, 0, 3], '║': [3, 0, 3, 0], '╔': [0, 3, 3, 0], '╗': [0, 0, 3, 3], '╚': [3, 3, 0, 0], '╝': [3, 0, 0, 3],
  '╠': [3, 3, 3, 0], '╣': [3, 0, 3, 3], '╦': [0, 3, 3, 3], '╩': [3, 3, 0, 3], '╬': [3, 3, 3, 3],
  '╴': [0, 0, 0, 1], '╵': [1, 0, 0, 0], '╶': [0, 1, 0, 0], '╷': [0, 0, 1, 0],
  '╸': [0, 0, 0, 2], '╹': [2, 0, 0, 0], '╺': [0, 2, 0, 0], '╻': [0, 0, 2, 0],
};
const ROUNDED = { '╭': ['right', 'down'], '╮': ['left', 'down'], '╰': ['right', 'up'], '╯': ['left', 'up'] };
const LIGHT = 1;
const HEAVY = 2;

function boxDrawing(ch, x, y, fg) {
  const cx = x + CELL_W / 2;
  const cy = y + CELL_H / 2;
  const rect = (x0, y0, x1, y1) => `<rect x="${num(x0)}" y="${num(y0)}" width="${num(x1 - x0)}" height="${num(y1 - y0)}" fill="${fg}" shape-rendering="crispEdges"/>`;
  if (ROUNDED[ch]) {
    const [h, v] = ROUNDED[ch];
    const r = CELL_W / 2;
    const hx = h === 'right' ? x + CELL_W : x;
    const vy = v === 'down' ? y + CELL_H : y;
    const sy = v === 'down' ? cy + r : cy - r;
    const sweep = (h === 'right') === (v === 'down') ? 0 : 1;
    return `<path d="M${num(hx)} ${num(cy)} A${num(r)} ${num(r)} 0 0 ${sweep} ${num(cx)} ${num(sy)} L${num(cx)} ${num(vy)}" fill="none" stroke="${fg}" stroke-width="${LIGHT}"/>`;
  }
  const arms = BOX[ch];
  if (arms) {
    const [up, right, down, left] = arms;
    const parts = [];
    const widthOf = (w) => (w === 2 ? HEAVY : LIGHT);
    // How far an arm reaches past the centre so that it meets the arms across it.
    const hReach = Math.max(widthOf(up), widthOf(down)) / 2;
    const vReach = Math.max(widthOf(left), widthOf(right)) / 2;
    const horizontal = (weight, x0, x1) => {
      if (weight === 3) {
        parts.push(rect(x0, cy - 1.5, x1, cy - 0.5), rect(x0, cy + 0.5, x1, cy + 1.5));
      } else {
        const w = widthOf(weight);
        parts.push(rect(x0, cy - w / 2, x1, cy + w / 2));
      }
    };
    const vertical = (weight, y0, y1) => {
      if (weight === 3) {
        parts.push(rect(cx - 1.5, y0, cx - 0.5, y1), rect(cx + 0.5, y0, cx + 1.5, y1));
      } else {
        const w = widthOf(weight);
        parts.push(rect(cx - w / 2, y0, cx + w / 2, y1));
      }
    };
    if (left) horizontal(left, x, cx + (right ? 0 : hReach + (left === 3 ? 1 : 0)));
    if (right) horizontal(right, cx - (left ? 0 : hReach + (right === 3 ? 1 : 0)), x + CELL_W);
    if (up) vertical(up, y, cy + (down ? 0 : vReach + (up === 3 ? 1 : 0)));
    if (down) vertical(down, cy - (up ? 0 : vReach + (down === 3 ? 1 : 0)), y + CELL_H);
    return parts.join('');
  }
  // Block elements (U+2580–259F).
  const code = ch.codePointAt(0);
  if (code === 0x2588) return rect(x, y, x + CELL_W, y + CELL_H);
  if (code === 0x2580) return rect(x, y, x + CELL_W, y + CELL_H / 2);
  if (code >= 0x2581 && code <= 0x2587) return rect(x, y + CELL_H * (1 - (code - 0x2580) / 8), x + CELL_W, y + CELL_H);
  if (code >= 0x2589 && code <= 0x258f) return rect(x, y, x + CELL_W * ((0x2590 - code) / 8), y + CELL_H);
  if (code === 0x2590) return rect(x + CELL_W / 2, y, x + CELL_W, y + CELL_H);
  if (code === 0x2594) return rect(x, y, x + CELL_W, y + CELL_H / 8);
  if (code === 0x2595) return rect(x + (CELL_W * 7) / 8, y, x + CELL_W, y + CELL_H);
  if (code >= 0x2591 && code <= 0x2593) {
    return `<rect x="${num(x)}" y="${num(y)}" width="${CELL_W}" height="${CELL_H}" fill="${fg}" fill-opacity="${(code - 0x2590) * 0.25}"/>`;
  }
  return null;
}

function renderSvg(grid, cursor) {
  const width = COLS * CELL_W + 2 * PAD;
  const height = ROWS * CELL_H + 2 * PAD;
  const backgrounds = [];
  const texts = [];
  const lines = [];
  grid.forEach((line, r) => {
    const y = PAD + r * CELL_H;
    // Backgrounds: runs of one colour.
    let c = 0;
    while (c < COLS) {
      const colors = cellColors(line[c].style);
      const atCursor = (col) => cursor && cursor.y === r && cursor.x === col;
      let bg = atCursor(c) ? THEME.foreground : colors.bg;
      let end = c + 1;
      while (end < COLS && !atCursor(end) && !atCursor(c) && cellColors(line[end].style).bg === bg) end++;
      if (bg !== THEME.background) backgrounds.push(`<rect x="${num(PAD + c * CELL_W)}" y="${num(y)}" width="${num((end - c) * CELL_W)}" height="${CELL_H}" fill="${bg}"/>`);
      c = end;
    }
    // Text: runs of printable ASCII in one style; any other character on its own, centred in its cell(s).
    c = 0;
    while (c < COLS) {
      const cell = line[c];
      if (cell.width === 0 || cell.ch === ' ') {
        c++;
        continue;
      }
      const { style } = cell;
      let { fg } = cellColors(style);
      if (cursor && cursor.y === r && cursor.x === c) fg = THEME.background;
      const x = PAD + c * CELL_W;
      const attrs = `${style.bold ? ' font-weight="bold"' : ''}${style.italic ? ' font-style="italic"' : ''}`;
      if (style.underline) lines.push(`<rect x="${num(x)}" y="${num(y + BASELINE + 1.5)}" width="${num(cell.width * CELL_W)}" height="1" fill="${fg}"/>`);
      if (style.strike) lines.push(`<rect x="${num(x)}" y="${num(y + CELL_H * 0.52)}" width="${num(cell.width * CELL_W)}" height="1" fill="${fg}"/>`);
      const code = cell.ch.codePointAt(0);
      if (code >= 0x2500 && code <= 0x259f) {
        const drawn = boxDrawing(cell.ch, x, y, fg);
        if (drawn) {
          lines.push(drawn);
          c++;
          continue;
        }
      }
      if (code > 0x20 && code < 0x7f) {
        let end = c + 1;
        let run = cell.ch;
        const same = (other) => other.style === style || JSON.stringify(other.style) === JSON.stringify(style);
        while (end < COLS && line[end].width === 1 && /^[\x21-\x7e]$/.test(line[end].ch) && same(line[end]) && !(cursor && cursor.y === r && cursor.x === end)) {
          run += line[end].ch;
          if (style.underline) lines.push(`<rect x="${num(PAD + end * CELL_W)}" y="${num(y + BASELINE + 1.5)}" width="${CELL_W}" height="1" fill="${fg}"/>`);
          if (style.strike) lines.push(`<rect x="${num(PAD + end * CELL_W)}" y="${num(y + CELL_H * 0.52)}" width="${CELL_W}" height="1" fill="${fg}"/>`);
          end++;
        }
        texts.push(`<text x="${num(x)}" y="${num(y + BASELINE)}" fill="${fg}"${attrs}>${escapeXml(run)}</text>`);
        c = end;
        continue;
      }
      texts.push(`<text x="${num(x + (cell.width * CELL_W) / 2)}" y="${num(y + BASELINE)}" fill="${fg}" text-anchor="middle"${attrs}>${escapeXml(cell.ch)}</text>`);
      c += cell.width;
    }
  });
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">`,
    `<rect width="${width}" height="${height}" rx="8" fill="${THEME.background}"/>`,
    '<g shape-rendering="crispEdges">',
    ...backgrounds,
    '</g>',
    ...lines,
    `<g font-family="${escapeXml(FONT_FAMILY)}" font-size="${num(FONT_SIZE)}" xml:space="preserve">`,
    ...texts,
    '</g>',
    '</svg>',
    '',
  ].join('\n');
}

// ---------------------------------------------------------------------------
// Driving the app
// ---------------------------------------------------------------------------

const delay = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

function paneState() {
  const [dead, status, cursorFlag, cursorX, cursorY] = tmux('display-message', '-p', '-t', socket, '#{pane_dead}\t#{pane_dead_status}\t#{cursor_flag}\t#{cursor_x}\t#{cursor_y}').trim().split('\t');
  return { dead: dead === '1', status, cursor: cursorFlag === '1' ? { x: Number(cursorX), y: Number(cursorY) } : null };
}

function capture() {
  const raw = tmux('capture-pane', '-p', '-e', '-N', '-t', socket);
  const grid = parseScreen(raw, COLS, ROWS);
  const lines = gridText(grid);
  return { raw, grid, lines, text: lines.join('\n'), ...paneState() };
}

/** The hint bar: the bottom line tfui draws (it leaves the terminal's last row empty). */
const hintBar = (screen) => screen.lines.findLast((line) => line.trim() !== '') ?? '';
/** A whole frame is on screen: its first row and its hint bar, the last row it draws, are there. */
const frameComplete = (screen) => screen.lines[0].trim() !== '' && (screen.lines[ROWS - 2].trim() !== '' || screen.lines[ROWS - 1].trim() !== '');

/**
 * Polls the screen until `predicate` holds on two captures in a row (so a frame
 * caught half-drawn never counts), and returns the second. Fails after `timeout`.
 */
async function waitFor(what, predicate, timeout = 15_000) {
  const deadline = Date.now() + timeout;
  let held = 0;
  let screen;
  for (;;) {
    screen = capture();
    trackProcesses();
    if (screen.dead) throw new Error(`tfui exited (status ${screen.status}) while waiting for ${what}; the screen:\n${screen.text}`);
    if (frameComplete(screen) && predicate(screen)) {
      held += 1;
      if (held >= 2) return screen;
    } else {
      held = 0;
    }
    if (Date.now() > deadline) throw new Error(`timed out after ${timeout / 1000}s waiting for ${what}; the screen:\n${screen.text}`);
    await delay(held > 0 ? 60 : 120);
  }
}

function keys(...names) {
  tmux('send-keys', '-t', socket, ...names);
}

function typeText(text) {
  tmux('send-keys', '-t', socket, '-l', text);
}

/** The sidebar row of `id` is the selected one (marked `›`). */
const selected = (screen, id) => screen.lines.some((line) => new RegExp(`^›\\S*\\s*${id.replace('.', '\\.')}\\b`).test(line));
/** A pane title bar for `id` is on screen (`│ web.1 ● :7700` or a focused title with its rule). */
const paneTitle = (screen, id) => screen.lines.some((line) => line.includes(` ${id} ● :`));
/** No overlay is drawn (its rounded corner is gone). */
const noOverlay = (screen) => !screen.text.includes('╭');

const written = [];
function save(name, screen) {
  const svg = renderSvg(screen.grid, screen.cursor);
  const svgPath = join(work, `${name}.svg`);
  writeFileSync(svgPath, svg);
  const png = join(OUT_DIR, `${name}.png`);
  const result = spawnSync('rsvg-convert', ['--zoom', String(ZOOM), '--format', 'png', '--output', png, svgPath], { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`rsvg-convert failed on ${name}.svg: ${result.stderr}`);
  if (keep) {
    writeFileSync(join(OUT_DIR, `${name}.svg`), svg);
    writeFileSync(join(OUT_DIR, `${name}.ans`), screen.raw);
  }
  written.push(png);
  process.stdout.write(`  ${name}.png\n`);
}

function portFree(port) {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once('error', () => resolve(false));
    server.listen({ port, exclusive: true }, () => server.close(() => resolve(true)));
  });
}

/** A base port whose three ports (web, worker, clock: base, +100, +200) are all free. */
async function freeBasePort() {
  for (let base = 7700; base < 7800; base += 7) {
    const ports = [base, base + 100, base + 200];
    if ((await Promise.all(ports.map(portFree))).every(Boolean)) return base;
  }
  throw new Error('no free base port between 7700 and 7800');
}

/** A request to the example web server, so its pane shows some traffic. No keep-alive: nothing stays open. */
function request(port, path) {
  return new Promise((resolve) => {
    const req = http.get({ host: '127.0.0.1', port, path, agent: false, timeout: 3000 }, (res) => {
      res.resume();
      res.on('end', () => resolve(true));
    });
    req.on('timeout', () => req.destroy());
    req.on('error', () => resolve(false));
  });
}

const shellQuote = (arg) => `'${String(arg).replace(/'/g, `'\\''`)}'`;

async function main() {
  const startedAt = Date.now();
  const port = await freeBasePort();
  mkdirSync(OUT_DIR, { recursive: true });
  const command = [process.execPath, join(ROOT, 'bin', 'tfui.js'), 'start', '-d', join(ROOT, 'examples'), '-p', port].map(shellQuote).join(' ');
  // The pane's shell records tfui's exit status; remain-on-exit keeps the pane to read after it.
  tmux(
    'start-server', ';',
    'set-option', '-g', 'status', 'off', ';',
    'set-option', '-g', 'remain-on-exit', 'on', ';',
    'set-option', '-g', 'default-shell', '/bin/sh', ';',
    'set-option', '-g', 'default-terminal', 'xterm-256color', ';',
    'new-session', '-d', '-s', socket, '-x', String(COLS), '-y', String(ROWS), '-c', ROOT, `${command}; echo $? > ${shellQuote(exitFile)}`,
  );
  serverStarted = true;
  socketPath = tmux('display-message', '-p', '-t', socket, '#{socket_path}').trim() || null;
  panePid = Number(tmux('display-message', '-p', '-t', socket, '#{pane_pid}').trim());
  trackProcesses();
  const size = tmux('display-message', '-p', '-t', socket, '#{pane_width}x#{pane_height}').trim();
  if (size !== `${COLS}x${ROWS}`) throw new Error(`the tmux pane is ${size}, not ${COLS}x${ROWS}`);
  process.stdout.write(`screenshots: tfui on examples/ (ports ${port}, ${port + 100}, ${port + 200}) in tmux -L ${socket}, ${COLS}x${ROWS}\n`);

  // Start-up: every process running, the web server listening.
  await waitFor('three running instances and the web server listening', (s) => s.text.includes('3/3 running') && s.text.includes(`listening on http://localhost:${port}`));
  const answered = await Promise.all(['/', '/api/jobs?page=2', '/health'].map((path, i) => delay(i * 150).then(() => request(port, path))));
  if (!answered.every(Boolean)) process.stderr.write(`screenshots: warning: the example web server did not answer every request on port ${port}\n`);

  // main.png: the worker selected, a few batches logged, a progress bar half-way.
  keys('j');
  await waitFor('worker.1 selected', (s) => selected(s, 'worker.1') && paneTitle(s, 'worker.1'));
  const shot = await waitFor('three worker batches and a progress bar under way', (s) => {
    const bars = s.lines.filter((line) => /\[#+ *\]\s+\d+%$/.test(line));
    const last = bars.at(-1)?.match(/(\d+)%$/);
    return s.text.includes('#3') && last !== undefined && last !== null && Number(last[1]) >= 30 && Number(last[1]) <= 80;
  }, 30_000);
  save('main', shot);

  // help.png: the key list.
  keys('?');
  save('help', await waitFor('the help overlay', (s) => s.text.includes('Keys') && s.text.includes('╰')));
  keys('Escape');
  await waitFor('the help overlay to close', noOverlay);

  // details.png: web.1's command, PORT and environment.
  keys('k');
  await waitFor('web.1 selected', (s) => selected(s, 'web.1') && paneTitle(s, 'web.1'));
  keys('e');
  save('details', await waitFor('the details of web.1', (s) => s.text.includes('web.1 details') && s.text.includes('environment') && s.text.includes('╰')));
  keys('Escape');
  await waitFor('the details overlay to close', noOverlay);

  // search.png: the clock's scrollback searched for "tick".
  keys('j');
  await waitFor('worker.1 selected', (s) => selected(s, 'worker.1'));
  keys('j');
  await waitFor('clock.1 selected with some ticks', (s) => selected(s, 'clock.1') && paneTitle(s, 'clock.1') && s.lines.filter((line) => /tick \d\d:\d\d:\d\d/.test(line)).length >= 5);
  keys('/');
  await waitFor('the search prompt', (s) => hintBar(s).startsWith('/'));
  typeText('tick');
  await waitFor('"tick" typed', (s) => hintBar(s).startsWith('/tick'));
  keys('Enter');
  save('search', await waitFor('the search results', (s) => /\/tick 1\/\d+/.test(s.text) && !hintBar(s).startsWith('/tick')));
  // An empty search clears the highlights.
  keys('/');
  await waitFor('the search prompt', (s) => hintBar(s).startsWith('/'));
  keys('Enter');
  await waitFor('the search cleared', (s) => !/\/tick \d+\/\d+/.test(s.text) && !hintBar(s).startsWith('/'));

  // timeline.png: the clock restarted by hand, then the timeline with the stop's details (its last lines).
  keys('r');
  await waitFor('clock.1 restarted', (s) => /clock\.1.*↻1/.test(s.text) && s.text.includes('started again'));
  keys('t');
  await waitFor('the timeline', (s) => s.text.includes('Timeline') && s.text.includes('clock.1'));
  keys('h');
  keys('Enter');
  save('timeline', await waitFor('the details of the stop', (s) => s.text.includes('clock.1 · stopped') && s.text.includes('last lines:')));
  keys('Escape');
  await waitFor('the details to close', (s) => !s.text.includes('last lines:'));
  keys('Escape');
  await waitFor('the timeline to close', (s) => !s.text.includes('Timeline') && selected(s, 'clock.1'));

  // split.png: web | (worker over clock).
  keys('k');
  await waitFor('worker.1 selected', (s) => selected(s, 'worker.1'));
  keys('k');
  await waitFor('web.1 selected', (s) => selected(s, 'web.1') && paneTitle(s, 'web.1'));
  keys('|');
  await waitFor('two panes side by side', (s) => paneTitle(s, 'web.1') && paneTitle(s, 'worker.1'));
  keys('_');
  save('split', await waitFor('three panes: web, worker and clock', (s) => paneTitle(s, 'web.1') && paneTitle(s, 'worker.1') && paneTitle(s, 'clock.1') && s.text.includes('GET')));

  // Quit: q stops everything; tfui exits by itself.
  keys('q');
  const end = Date.now() + 20_000;
  let state = paneState();
  while (!state.dead && Date.now() < end) {
    trackProcesses();
    await delay(100);
    state = paneState();
  }
  if (!state.dead) throw new Error(`tfui did not exit within 20s of q; the screen:\n${capture().text}`);
  const leftover = capture().text.trim();
  const status = existsSync(exitFile) ? readFileSync(exitFile, 'utf8').trim() : '?';
  const problems = [];
  if (status !== '0') problems.push(`tfui exited with status ${status} after q`);
  if (/error/i.test(leftover)) problems.push(`tfui left this on the terminal:\n${leftover}`);
  // Everything tfui started must be gone once it has exited.
  const deadline = Date.now() + 3000;
  while (survivors().length > 0 && Date.now() < deadline) await delay(100);
  const left = survivors();
  if (left.length > 0) problems.push(`still running after tfui exited (now killed):\n${left.map(([pid, args]) => `  ${pid} ${args}`).join('\n')}`);
  return { problems, seconds: (Date.now() - startedAt) / 1000 };
}

let exitCode = 0;
try {
  const { problems, seconds } = await main();
  process.stdout.write(`screenshots: ${written.length} PNGs in screenshots/ in ${seconds.toFixed(1)}s\n`);
  for (const problem of problems) process.stderr.write(`screenshots: ${problem}\n`);
  if (problems.length > 0) exitCode = 1;
} catch (error) {
  process.stderr.write(`screenshots: ${error instanceof Error ? error.message : String(error)}\n`);
  exitCode = 1;
} finally {
  const killed = cleanUp();
  if (killed.length > 0) process.stderr.write(`screenshots: killed ${killed.length} leftover process(es) of this run: ${killed.map(([pid, args]) => `${pid} ${args}`).join('; ')}\n`);
  if (keep) process.stdout.write(`screenshots: SVGs and raw captures kept in screenshots/ (delete them before committing)\n`);
}
process.exit(exitCode);
