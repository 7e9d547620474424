import { displayPath, isSecretName, isShellName, loadAppConfig, maskValue, portFor, type AppOptions } from '../config/index.js';

/**
 * `tfui check`: validates everything `start` would read and shows what it
 * resolved to, so "which PORT, which value, from where" needs no guessing.
 */
export function checkCommand(options: AppOptions, out: (text: string) => void = (text) => process.stdout.write(text)): number {
  const cwd = process.cwd();
  const app = loadAppConfig(options, cwd, process.env);
  const lines: string[] = [];
  lines.push(`valid procfile detected (${app.types.map((t) => t.name).join(', ')})`);
  lines.push('');
  lines.push(`procfile   ${displayPath(app.procfilePath, cwd)}`);
  lines.push(`root       ${app.root}`);
  lines.push(`env files  ${app.envFiles.length > 0 ? app.envFiles.join(', ') : '(none)'}`);
  lines.push(`base port  ${app.basePort} (${app.basePortSource === 'default' ? 'default' : `from ${app.basePortSource}`})`);
  lines.push(`timeout    ${app.timeoutMs / 1000}s`);
  lines.push(`crash loop give up after ${app.crashLoop.maxRestarts} automatic restarts in ${app.crashLoop.windowMs / 1000}s`);
  lines.push('');
  lines.push('formation');
  const typeWidth = Math.max(...app.types.map((t) => t.name.length));
  for (const type of app.types) {
    const count = app.formation.get(type.name) ?? 0;
    const instances = Array.from({ length: count }, (_, i) => `${type.name}.${i + 1}=${portFor(app.basePort, type.index, i + 1)}`);
    const policy = app.restart.get(type.name) ?? 'no';
    lines.push(`  ${type.name.padEnd(typeWidth)}  ${String(count).padStart(2)}  ${instances.length > 0 ? `PORT ${instances.join(' ')}` : '(not started)'}${policy !== 'no' ? `  restart ${policy}` : ''}`);
    lines.push(`  ${''.padEnd(typeWidth)}      $ ${type.command}`);
  }

  const fromFiles = [...app.environment].filter(([, v]) => v.source.kind === 'file');
  const shellCount = [...app.environment].filter(([, v]) => v.source.kind === 'shell').length;
  lines.push('');
  lines.push(`environment (env files override the shell; ${shellCount} variables come from the shell; each instance also gets PORT and PS)`);
  if (fromFiles.length === 0) lines.push('  (no variables from env files)');
  const keyWidth = Math.max(0, ...fromFiles.map(([key]) => key.length));
  const warnings: string[] = [];
  for (const [key, variable] of fromFiles) {
    if (variable.source.kind !== 'file') continue;
    const where = `${variable.source.file}:${variable.source.line}`;
    const overrides = process.env[key] !== undefined && process.env[key] !== variable.value ? '  (overrides the shell)' : '';
    const value = isSecretName(key) ? maskValue(variable.value) : JSON.stringify(variable.value);
    lines.push(`  ${key.padEnd(keyWidth)}  ${where.padEnd(12)} ${value}${overrides}`);
    if (!isShellName(key)) warnings.push(`${where}: ${key} is not a shell variable name; /bin/sh drops it, so processes will not see it`);
  }
  if (warnings.length > 0) {
    lines.push('');
    lines.push('warnings');
    for (const warning of warnings) lines.push(`  ${warning}`);
  }
  out(`${lines.join('\n')}\n`);
  return 0;
}
