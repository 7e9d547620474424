// Builds dist/: the CLI as one script that bin/tfui.js compiles through V8's code
// cache (see src/launcher), and the small launcher that does it.
// Bundling: one file loads in ~60 ms where the unbundled module graph of ink + react
// takes ~250 ms (research/stack.md §5); the code cache then skips compiling it.
import { build } from 'esbuild';
import { createHash } from 'node:crypto';
import { copyFileSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Script } from 'node:vm';
import { externalsThroughRequire, inkOutputStandIn, textHelperStandIns, yogaWasmDecode } from './bundle-plugins.mjs';
import { warmCodeCache } from './warm-code-cache.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const dist = join(root, 'dist');
const BUNDLE = 'cli.bundle.js';

// Old outputs would pile up with every build.
rmSync(dist, { recursive: true, force: true });
mkdirSync(dist, { recursive: true });
// The watchdog is a shell script, found beside the bundle as beside its module in src/.
copyFileSync(join(root, 'src/engine/tfui-watchdog.sh'), join(dist, 'tfui-watchdog.sh'));

const common = {
  absWorkingDir: root,
  bundle: true,
  platform: 'node',
  target: 'node20',
  logLevel: 'warning',
};

await build({
  ...common,
  entryPoints: { launcher: 'src/launcher/launch.ts' },
  outdir: 'dist',
  format: 'esm',
});

// `tfui mcp` only: the MCP server with its SDK and zod, loaded by that command and never by a start.
await build({
  ...common,
  entryPoints: ['src/mcp/index.ts'],
  outfile: join('dist', 'mcp.cjs'),
  format: 'cjs',
  minify: true,
  legalComments: 'linked',
});
// A module that fails as it loads (an initialisation order esbuild got wrong) would fail only in `tfui mcp`: load it here.
if (typeof createRequire(import.meta.url)(join(dist, 'mcp.cjs')).runMcpServer !== 'function') throw new Error('dist/mcp.cjs has no runMcpServer');

const result = await build({
  ...common,
  entryPoints: ['src/cli/main.ts'],
  outfile: join('dist', BUNDLE),
  write: false,
  // ESM keeps the top-level awaits of Ink and yoga legal: the whole bundle becomes the body of an async function.
  format: 'esm',
  plugins: [externalsThroughRequire(), textHelperStandIns(root), inkOutputStandIn(root), yogaWasmDecode()],
  // ink statically imports react-devtools-core for its dev mode; we never use it.
  // Its CI check would stop frames on a real terminal (src/bundle/not-in-ci.ts).
  // restore-cursor would write an escape sequence to stderr at exit (src/bundle/restore-cursor.ts).
  alias: { 'react-devtools-core': './scripts/devtools-stub.mjs', 'is-in-ci': './src/bundle/not-in-ci.ts', 'restore-cursor': './src/bundle/restore-cursor.ts' },
  define: { 'process.env.NODE_ENV': '"production"', 'import.meta.url': '__importMetaUrl' },
  jsx: 'automatic',
  // Less to read and to cache: tfui's start-up is part of the product (all of 10 processes
  // visible in 150 ms). TFUI_BUILD_READABLE=1 keeps names, for reading a CPU profile.
  minify: !process.env.TFUI_BUILD_READABLE,
  keepNames: true,
  legalComments: 'linked',
  sourcemap: 'linked',
});

const code = result.outputFiles.find((file) => file.path.endsWith(BUNDLE));
const map = result.outputFiles.find((file) => file.path.endsWith(`${BUNDLE}.map`));
if (!code || !map) throw new Error('esbuild wrote no bundle');
for (const other of result.outputFiles) if (other !== code && other !== map) writeFileSync(other.path, other.contents);

// The module's `export {a as main}` becomes the async function's result.
const ending = /export\s*\{([^}]*)\};?\s*((?:\/\*[^]*?\*\/\s*|\/\/[^\n]*\n?\s*)*)$/.exec(code.text);
if (!ending) throw new Error(`${BUNDLE}: no export statement at its end`);
const exported = ending[1].split(',').map((binding) => {
  const [local, name = local] = binding.trim().split(/\s+as\s+/);
  return `${name}: ${local}`;
});
const trailer = ending[2].replace(/\/\/# sourceMappingURL=.*\n?/, '');
const body = `${code.text.slice(0, ending.index)}return { ${exported.join(', ')} };\n${trailer}`;
const buildId = createHash('sha256').update(body).digest('hex').slice(0, 16);
// Two lines go before the bundle's first line: the source map shifts by two empty lines.
const header = `// tfui-build ${buildId}\n(async function (require, __importMetaUrl) { const __tfuiRequire = require;\n`;
const script = `${header}${body}})\n//# sourceMappingURL=${basename(map.path)}\n`;
// A leftover `import` or `import.meta` would only fail at start-up: compile it here.
new Script(script, { filename: BUNDLE });
writeFileSync(join(dist, BUNDLE), script);
const sourceMap = JSON.parse(map.text);
sourceMap.mappings = `;;${sourceMap.mappings}`;
writeFileSync(map.path, JSON.stringify(sourceMap));

// TFUI_SKIP_WARMUP=1 builds without running tfui (e.g. where no pty can be opened).
if (!process.env.TFUI_SKIP_WARMUP) {
  const warmed = await warmCodeCache(root);
  if (warmed !== 'ok') process.stderr.write(`build: the code cache was not warmed (${warmed}); the first start will compile\n`);
}
