import { displayPath, isSecretName, isShellName, loadAppConfig, maskValue, resolvedFormation, type AppOptions } from '../config/index.js';

/**
 * `tfui check`: validates everything `start` would read and shows what it
 * resolved to, so "which PORT, which value, from where" needs no guessing.
 */
export function checkCommand(options: AppOptions, out: (text: string) => void = (text) => process.stdout.write(text)): number {
  const cwd = process.cwd();
  const app = loadAppConfig(options, cwd, process.env);
  const resolved = resolvedFormation(app);
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
  const typeWidth = Math.max(...resolved.types.map((t) => t.name.length));
  for (const type of resolved.types) {
    const instances = type.instances.map((instance) => `${instance.name}=${instance.port}`);
    lines.push(`  ${type.name.padEnd(typeWidth)}  ${String(type.count).padStart(2)}  ${instances.length > 0 ? `PORT ${instances.join(' ')}` : '(not started)'}${type.restart !== 'no' ? `  restart ${type.restart}` : ''}`);
    lines.push(`  ${''.padEnd(typeWidth)}      $ ${type.command}`);
  }

  const fromFiles = resolved.variables;
  const shellCount = [...app.environment].filter(([, v]) => v.source.kind === 'shell').length;
  lines.push('');
  lines.push(`environment (env files override the shell; ${shellCount} variables come from the shell; each instance also gets PORT and PS)`);
  if (fromFiles.length === 0) lines.push('  (no variables from env files)');
  const keyWidth = Math.max(0, ...fromFiles.map((variable) => variable.key.length));
  const warnings: string[] = [];
  for (const { key, value, file, line } of fromFiles) {
    const where = `${file}:${line}`;
    const overrides = process.env[key] !== undefined && process.env[key] !== value ? '  (overrides the shell)' : '';
    const shown = isSecretName(key) ? maskValue(value) : JSON.stringify(value);
    lines.push(`  ${key.padEnd(keyWidth)}  ${where.padEnd(12)} ${shown}${overrides}`);
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
