import { readFileSync } from 'node:fs';
import { parseProcfile, UserError } from '../config/index.js';
import { connectToProject, type StatusResult } from '../control/index.js';
import { findProject } from './find-project.js';
import type { ProjectFlags } from './program.js';

const VERBS = ['start', 'check', 'run', 'status', 'restart', 'stop', 'scale', 'logs', 'quit', 'mcp', 'completion'];
const FLAGS: Record<string, string[]> = {
  status: ['--json', '--procfile', '--root'],
  logs: ['--lines', '--follow', '--grep', '--procfile', '--root'],
  mcp: ['--allow-control', '--procfile', '--root'],
};
/** Completing must not keep a shell waiting: a tfui that does not answer this soon is not asked. */
const ASK_TIMEOUT_MS = 300;

// Both scripts ask `tfui __complete -- WORDS…` (the words after `tfui`, the one being typed last).
const SCRIPTS: Record<string, string> = {
  bash: `# tfui completion for bash: add \`eval "$(tfui completion bash)"\` to ~/.bashrc
_tfui_complete() {
  local IFS=$'\\n'
  COMPREPLY=($(tfui __complete -- "\${COMP_WORDS[@]:1:COMP_CWORD}" 2>/dev/null))
}
complete -o default -F _tfui_complete tfui
`,
  zsh: `#compdef tfui
# tfui completion for zsh: add \`eval "$(tfui completion zsh)"\` to ~/.zshrc (after compinit)
_tfui_complete() {
  local -a candidates
  candidates=("\${(@f)$(tfui __complete -- "\${(@)words[2,CURRENT]}" 2>/dev/null)}")
  compadd -a candidates
}
compdef _tfui_complete tfui
`,
};

/** `tfui completion bash|zsh`: prints the script. */
export function completionCommand(shell: string, out: (text: string) => void): number {
  const script = SCRIPTS[shell];
  if (!script) throw new UserError(`completion: no script for ${JSON.stringify(shell)}; there are: ${Object.keys(SCRIPTS).join(', ')}`, 2);
  out(script);
  return 0;
}

/**
 * The candidates for the last of `words`: verbs first, then what a verb
 * takes: the running tfui's instances and types (or, with none running,
 * the Procfile's types), `TYPE=` for scale, and flags after a dash.
 */
export async function completeWords(words: readonly string[], flags: ProjectFlags, out: (text: string) => void): Promise<number> {
  const current = words.at(-1) ?? '';
  const verb = words.length > 1 ? words[0] : undefined;
  let candidates: string[];
  if (verb === undefined) candidates = VERBS;
  else if (current.startsWith('-')) candidates = FLAGS[verb] ?? ['--procfile', '--root'];
  else if (verb === 'completion') candidates = Object.keys(SCRIPTS);
  else if (['restart', 'stop', 'logs', 'scale', 'start'].includes(verb)) {
    const names = await knownNames(flags);
    candidates = verb === 'scale' ? names.types.map((t) => `${t}=`) : verb === 'start' ? names.types : [...names.types, ...names.instances];
  } else candidates = [];
  const matching = candidates.filter((c) => c.startsWith(current));
  if (matching.length > 0) out(`${matching.join('\n')}\n`);
  return 0;
}

async function knownNames(flags: ProjectFlags): Promise<{ types: string[]; instances: string[] }> {
  let project;
  try {
    project = findProject(flags, process.cwd());
  } catch {
    return { types: [], instances: [] };
  }
  try {
    const client = await connectToProject(project, 'shell', ASK_TIMEOUT_MS);
    try {
      const status = await client.request<StatusResult>('status');
      return { types: status.formation.map((f) => f.processType), instances: status.instances.map((i) => i.id) };
    } finally {
      client.close();
    }
  } catch {
    // Nothing running: the Procfile's types still complete.
    try {
      return { types: parseProcfile(readFileSync(project.procfilePath, 'utf8'), project.shown).map((e) => e.name), instances: [] };
    } catch {
      return { types: [], instances: [] };
    }
  }
}
