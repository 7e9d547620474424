import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { EXPORT_FORMATS, exportFiles } from '../../src/export/index.js';
import { useProjects } from '../helpers/project.js';
import { SAMPLE_FILES, SAMPLE_OPTIONS, sampleFormation } from './sample-app.js';

const project = useProjects();
const GOLDEN = fileURLToPath(new URL('./golden/', import.meta.url));

// UPDATE_GOLDEN=1 rewrites the golden files; review their diff like code.
describe('each format\'s export of the sample app matches its golden files', () => {
  it.each(EXPORT_FORMATS)('%s', (format) => {
    const files = exportFiles(format, sampleFormation(project(SAMPLE_FILES)), SAMPLE_OPTIONS);
    const folder = join(GOLDEN, format);
    if (process.env['UPDATE_GOLDEN'] === '1') {
      rmSync(folder, { recursive: true, force: true });
      mkdirSync(folder, { recursive: true });
      for (const file of files) writeFileSync(join(folder, file.name), file.content);
    }
    expect(files.map((file) => file.name).sort()).toEqual(readdirSync(folder).sort());
    for (const file of files) expect(file.content, file.name).toBe(readFileSync(join(folder, file.name), 'utf8'));
  });
});
