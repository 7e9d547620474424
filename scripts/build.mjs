// Bundles the CLI with esbuild: one file loads in ~60 ms where the unbundled
// module graph of ink + react takes ~250 ms (see research/stack.md §5).
import { build } from 'esbuild';
import { rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));

// Old chunks would pile up with every build.
rmSync(new URL('../dist', import.meta.url), { recursive: true, force: true });

await build({
  absWorkingDir: root,
  entryPoints: { cli: 'src/cli/main.ts' },
  outdir: 'dist',
  // The screen is a chunk of its own, loaded only when stdout is a terminal.
  splitting: true,
  chunkNames: 'chunks/[name]-[hash]',
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  // The native addon must be loaded from node_modules, never inlined.
  external: ['node-pty'],
  // CJS packages inside an ESM bundle call require() for node built-ins.
  banner: { js: "import { createRequire as __tfuiCreateRequire } from 'node:module'; const require = __tfuiCreateRequire(import.meta.url);" },
  // ink statically imports react-devtools-core for its dev mode; we never use it.
  alias: { 'react-devtools-core': './scripts/devtools-stub.mjs' },
  define: { 'process.env.NODE_ENV': '"production"' },
  jsx: 'automatic',
  // A smaller bundle parses faster: tfui's start-up is part of the product (all of 10 processes visible in 150 ms).
  minify: true,
  keepNames: true,
  sourcemap: 'linked',
  logLevel: 'warning',
});
