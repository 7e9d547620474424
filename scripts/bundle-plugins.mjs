// esbuild plugins for the CLI bundle (scripts/build.mjs).
import { builtinModules, createRequire } from 'node:module';
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';

/**
 * A script, unlike a module, can use V8's code cache on Node 20, but it has no
 * `import`: node built-ins and the native node-pty come through the `require`
 * the launcher passes in (under a name of its own: a `require` in the
 * stand-in module would resolve to the stand-in again).
 */
export function externalsThroughRequire() {
  const external = new Set([...builtinModules, ...builtinModules.map((name) => `node:${name}`), 'node-pty']);
  return {
    name: 'externals-through-require',
    setup(build) {
      build.onResolve({ filter: /.*/ }, (args) => (external.has(args.path) ? { path: args.path, namespace: 'external-require' } : undefined));
      build.onLoad({ filter: /.*/, namespace: 'external-require' }, (args) => ({ contents: `module.exports = __tfuiRequire(${JSON.stringify(args.path)});`, loader: 'js' }));
    },
  };
}

/**
 * Ink's text helpers set up Intl.Segmenter and Unicode-property regexes when
 * their modules load (~40 ms before the first frame). Every import of them is
 * given a stand-in instead: string-width measures most text itself
 * (src/bundle/string-width.ts), and the others load the real module on first call.
 * All of them are modules whose only export is a default function.
 */
export function textHelperStandIns(root) {
  const names = /^(string-width|slice-ansi|cli-truncate|wrap-ansi)$/;
  const fast = JSON.stringify(join(root, 'src/bundle/string-width.ts'));
  return {
    name: 'text-helper-stand-ins',
    setup(build) {
      build.onResolve({ filter: names }, (args) =>
        // A stand-in's require() of its own name gets the real module, as the original importer would have.
        args.namespace === 'stand-in' && args.importer === args.path ? undefined : { path: args.path, namespace: 'stand-in', pluginData: { resolveDir: args.resolveDir } },
      );
      build.onLoad({ filter: /^(string-width|slice-ansi|cli-truncate|wrap-ansi)$/, namespace: 'stand-in' }, (args) => {
        const real = `(real ??= require(${JSON.stringify(args.path)}).default)`;
        const contents =
          args.path === 'string-width'
            ? `import { stringWidthFast } from ${fast};\nlet real;\nconst slow = (text, options) => ${real}(text, options);\nexport default function stringWidth(text, options) { return stringWidthFast(text, options, slow); }\n`
            : `let real;\nexport default function lazy(...args) { return ${real}(...args); }\n`;
        return { contents, loader: 'js', resolveDir: args.pluginData.resolveDir };
      });
    },
  };
}

/**
 * Ink's Output (the grid each frame is drawn into) is swapped for
 * src/bundle/ink-output.ts, which gives the same string for less work (and,
 * with keepingUnchangedStyles, keeps a dim or bold that did not change). Its
 * ansi-tokenize helpers come straight from their files, so that the module
 * holding the Intl.Segmenter (tokenize.js) loads only when a line needs it.
 */
export function inkOutputStandIn(root) {
  const require = createRequire(join(root, 'node_modules', 'ink', 'package.json'));
  const tokenizer = join(dirname(require.resolve('@alcalzone/ansi-tokenize/package.json')), 'build');
  const file = (name) => JSON.stringify(join(tokenizer, name));
  return {
    name: 'ink-output-stand-in',
    setup(build) {
      build.onResolve({ filter: /^\.\/output\.js$/ }, (args) =>
        /[\\/]ink[\\/]build$/.test(args.resolveDir) ? { path: 'ink-output', namespace: 'stand-in', pluginData: { resolveDir: args.resolveDir } } : undefined,
      );
      build.onLoad({ filter: /^ink-output$/, namespace: 'stand-in' }, (args) => ({
        contents: `import { keepingUnchangedStyles, outputClass } from ${JSON.stringify(join(root, 'src/bundle/ink-output.ts'))};
import { ansiCodesToString, getEndCode } from ${file('ansiCodes.js')};
import { diffAnsiCodes } from ${file('diff.js')};
import { reduceAnsiCodesIncremental } from ${file('reduce.js')};
import isFullwidthCodePoint from 'is-fullwidth-code-point';
import sliceAnsi from 'slice-ansi';
import stringWidth from 'string-width';
let tokenizing, styling;
export default outputClass({
  tokenize: (text) => (tokenizing ??= require(${file('tokenize.js')})).tokenize(text),
  styledCharsFromTokens: (tokens) => (styling ??= require(${file('styledChars.js')})).styledCharsFromTokens(tokens),
  reduceAnsiCodesIncremental, diffAnsiCodes: keepingUnchangedStyles(diffAnsiCodes), ansiCodesToString, endCodeOf: getEndCode, isFullwidthCodePoint, sliceAnsi, stringWidth,
});
`,
        loader: 'js',
        resolveDir: args.pluginData.resolveDir,
      }));
    },
  };
}

/**
 * yoga-layout turns its embedded WebAssembly from base64 into bytes with a
 * JavaScript loop over ~72 000 characters: 2-4 ms of cold code before the
 * first frame. Node's base64 decoder gives the same bytes. The build fails if
 * another yoga-layout no longer has the loop.
 */
export function yogaWasmDecode() {
  const loop = 'var b=xa(a.slice(37)),c=new Uint8Array(b.length);for(a=0;a<b.length;++a)c[a]=b.charCodeAt(a);var d=c';
  return {
    name: 'yoga-wasm-decode',
    setup(build) {
      build.onLoad({ filter: /[\\/]yoga-layout[\\/]dist[\\/]binaries[\\/]yoga-wasm-base64-esm\.js$/ }, async (args) => {
        const source = await readFile(args.path, 'utf8');
        if (!source.includes(loop)) throw new Error(`${args.path}: the base64 loop to replace is not there (another yoga-layout?)`);
        return { contents: source.replace(loop, 'var d=new Uint8Array(__tfuiRequire("node:buffer").Buffer.from(a.slice(37),"base64"))'), loader: 'js' };
      });
    },
  };
}
