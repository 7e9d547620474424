import type { ResolvedFormation } from '../config/index.js';
import { startLine } from './command-line.js';
import { environmentLine, execStartLine } from './systemd-quote.js';
import type { ExportFile, ExportOptions } from './types.js';
import { exportedVariables } from './variables.js';

/**
 * The first line of every unit tfui writes. A re-export removes a unit only when this line
 * names the same app: units written by hand, by foreman or for another app stay.
 */
export function unitMarker(app: string): string {
  return `# Written by tfui export for app ${app}; a re-export removes this unit when it leaves the formation.`;
}

/** systemd reads `0` as "no timeout at all"; tfui's `-t 0` means "kill at once". */
function timeoutStopSec(seconds: number): string {
  return seconds === 0 ? '1ms' : `${seconds}s`;
}

/**
 * foreman 0.87's layout: `APP.target` wants every instance, and each instance is its own
 * `APP-TYPE.N.service`, because a template unit's instance name carries only one value and
 * PS could not be set.
 */
export function systemdUnits(formation: ResolvedFormation, options: ExportOptions): ExportFile[] {
  const { app } = options;
  const variables = exportedVariables(formation);
  const files: ExportFile[] = [];
  for (const type of formation.types) {
    for (const instance of type.instances) {
      const lines = [
        unitMarker(app),
        '[Unit]',
        `Description=${app} ${instance.name}`,
        `PartOf=${app}.target`,
        'StopWhenUnneeded=yes',
        '',
        '[Service]',
        ...(options.user === undefined ? [] : [`User=${options.user}`]),
        `WorkingDirectory=${formation.root.replaceAll('%', '%%')}`,
        environmentLine('PORT', String(instance.port)),
        environmentLine('PS', instance.name),
        ...variables.map((variable) => environmentLine(variable.key, variable.value)),
        execStartLine(startLine(type.command)),
        `Restart=${type.restart}`,
        'KillMode=mixed',
        `TimeoutStopSec=${timeoutStopSec(formation.timeoutSeconds)}`,
        'StandardInput=null',
        'StandardOutput=journal',
        'StandardError=journal',
        `SyslogIdentifier=${app}-${instance.name}`,
      ];
      files.push({ name: `${app}-${instance.name}.service`, content: `${lines.join('\n')}\n` });
    }
  }
  const target = [
    unitMarker(app),
    '[Unit]',
    `Description=${app} (exported by tfui)`,
    `Wants=${files.map((file) => file.name).join(' ')}`,
    '',
    '[Install]',
    'WantedBy=multi-user.target',
  ];
  return [{ name: `${app}.target`, content: `${target.join('\n')}\n` }, ...files];
}

/** A file already in the export folder: its name and first line. */
export interface ExistingFile {
  name: string;
  firstLine: string;
}

/** The units a previous export for this app wrote that the new one does not: the ones to remove. */
export function staleUnits(app: string, existing: readonly ExistingFile[], written: readonly ExportFile[]): string[] {
  const keep = new Set(written.map((file) => file.name));
  const ours = (name: string) => name === `${app}.target` || (name.startsWith(`${app}-`) && name.endsWith('.service'));
  return existing.filter((file) => ours(file.name) && !keep.has(file.name) && file.firstLine === unitMarker(app)).map((file) => file.name);
}
