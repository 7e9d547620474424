import type { ResolvedFormation } from '../config/index.js';
import { composeFile } from './compose.js';
import { kubernetesManifests } from './kubernetes.js';
import { systemdUnits } from './systemd.js';
import type { ExportFile, ExportOptions } from './types.js';

export const EXPORT_FORMATS = ['systemd', 'kubernetes', 'compose'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** The files of an export: a pure function of the resolved formation and the flags. */
export function exportFiles(format: ExportFormat, formation: ResolvedFormation, options: ExportOptions): ExportFile[] {
  switch (format) {
    case 'systemd':
      return systemdUnits(formation, options);
    case 'kubernetes':
      return kubernetesManifests(formation, options);
    case 'compose':
      return composeFile(formation, options);
  }
}

export { staleUnits, unitMarker, type ExistingFile } from './systemd.js';
export { checkAppName, defaultAppName } from './names.js';
export { droppedVariables, exportedVariables } from './variables.js';
export type { ExportFile, ExportOptions } from './types.js';
