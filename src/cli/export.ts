import { Argument, type Command } from 'commander';
import { closeSync, lstatSync, mkdirSync, openSync, readdirSync, readSync, renameSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { displayPath, loadAppConfig, resolvedFormation, UserError, type AppOptions } from '../config/index.js';
import { checkAppName, defaultAppName, droppedVariables, EXPORT_FORMATS, exportFiles, staleUnits, type ExistingFile, type ExportFormat } from '../export/index.js';
import type { StartFlags } from './program.js';

export interface ExportFlags extends StartFlags {
  app?: string;
  user?: string;
  image?: string;
  service?: string[];
}

export interface ExportInvocation {
  command: 'export';
  format: ExportFormat;
  dir: string;
  flags: ExportFlags;
  fromCli: Set<string>;
}

function typeList(value: string): string[] {
  return value.split(',').map((type) => type.trim()).filter((type) => type !== '');
}

/** The export command's own arguments and flags (foreman's where foreman has them); program.ts adds the shared ones. */
export function addExportOptions(command: Command): Command {
  return command
    .description('write the formation as systemd units, Kubernetes manifests or a compose file into DIR')
    .addArgument(new Argument('<format>', 'systemd, kubernetes or compose').choices(EXPORT_FORMATS))
    .argument('<dir>', 'the folder to write into (created when missing)')
    .option('-a, --app <name>', 'the app name that units, objects and the compose project are named after (default: the root folder\'s name)')
    .option('-u, --user <user>', 'systemd: the user the processes run as')
    .option('--image <image>', 'the container image (kubernetes needs one; compose builds the root without one)')
    .option('--service <types>', 'the types that listen on $PORT: a Service (kubernetes) or published ports (compose); default web, when there is one', typeList)
    .option('-r, --restart <spec>', 'restart policies: TYPE=no|on-failure|always[,...] (all= for every type); default no');
}

// Plain names or numeric ids: systemd reads User= through its specifier expansion, and `%` or a space would change it.
const USER_NAME = /^[A-Za-z0-9_][A-Za-z0-9_.-]*$/;

/** `tfui export FORMAT DIR`: computes the files, writes them, and for systemd removes the units of instances that went away. */
export function exportCommand(invocation: ExportInvocation, options: AppOptions, out: (text: string) => void = (text) => process.stdout.write(text)): number {
  const cwd = process.cwd();
  const { flags, format } = invocation;
  const app = loadAppConfig(options, cwd, process.env);
  const formation = resolvedFormation(app);
  const appName = flags.app ?? defaultAppName(basename(app.root));
  checkAppName(appName, format, flags.app === undefined ? `the root folder's name "${basename(app.root)}"` : '--app');
  if (flags.user !== undefined && !USER_NAME.test(flags.user)) throw new UserError(`--user: "${flags.user}" is not a user name or id`, 2);
  const names = formation.types.map((type) => type.name);
  for (const type of flags.service ?? []) {
    if (!names.includes(type)) throw new UserError(`--service: unknown process type "${type}" (the Procfile has ${names.join(', ')})`, 2);
  }
  const services = flags.service ?? (names.includes('web') ? ['web'] : []);
  const files = exportFiles(format, formation, { app: appName, user: flags.user, image: flags.image, services });

  const dir = resolve(cwd, invocation.dir);
  const shown = (name: string) => displayPath(join(dir, name), cwd);
  prepareFolder(dir, invocation.dir);
  if (format === 'systemd') {
    for (const name of staleUnits(appName, existingFiles(dir), files)) {
      unlinkSync(join(dir, name));
      out(`removed ${shown(name)}\n`);
    }
  }
  for (const file of files) {
    writePrivately(dir, file.name, file.content);
    out(`wrote ${shown(file.name)}\n`);
  }
  for (const variable of droppedVariables(formation)) {
    process.stderr.write(`tfui: ${variable.file}:${variable.line}: ${variable.key} is not a shell variable name; left out of the export\n`);
  }
  return 0;
}

function prepareFolder(dir: string, given: string): void {
  let isDirectory: boolean;
  try {
    isDirectory = statSync(dir).isDirectory();
  } catch {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    return;
  }
  if (!isDirectory) throw new UserError(`${given}: not a directory (the export folder must be one)`, 2);
}

/** Regular files only (a symlink or folder is never ours to remove), with their first line. */
function existingFiles(dir: string): ExistingFile[] {
  return readdirSync(dir)
    .filter((name) => lstatSync(join(dir, name)).isFile())
    .map((name) => ({ name, firstLine: firstLine(join(dir, name)) }));
}

function firstLine(path: string): string {
  const buffer = Buffer.alloc(512);
  const fd = openSync(path, 'r');
  try {
    const length = readSync(fd, buffer, 0, buffer.length, 0);
    return buffer.subarray(0, length).toString('utf8').split('\n', 1)[0] ?? '';
  } finally {
    closeSync(fd);
  }
}

/**
 * Exports hold the env files' values, secrets included: readable by the owner only, and
 * replaced whole (a unit half-written when systemd reloads would be read as it is).
 */
function writePrivately(dir: string, name: string, content: string): void {
  const temporary = join(dir, `.${name}.tfui-${process.pid}`);
  writeFileSync(temporary, content, { mode: 0o600, flag: 'wx' });
  renameSync(temporary, join(dir, name));
}
