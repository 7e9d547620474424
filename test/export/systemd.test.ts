import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { exportFiles, type ExportFile } from '../../src/export/index.js';
import { startLine } from '../../src/export/command-line.js';
import { environmentLine, execStartLine } from '../../src/export/systemd-quote.js';
import { useProjects } from '../helpers/project.js';
import { userErrorOf } from '../helpers/user-error.js';
import { commandLineOf, systemdReading, unitFolder, verifyUnits } from '../helpers/systemd.js';
import { SAMPLE_FILES, SAMPLE_OPTIONS, sampleFormation } from './sample-app.js';

const project = useProjects();
let removers: Array<() => void> = [];
afterEach(() => {
  for (const remove of removers) remove();
  removers = [];
});

function folderOf(units: readonly ExportFile[]): string {
  const folder = unitFolder(units);
  removers.push(folder.remove);
  return folder.dir;
}

const hasNoncharacter = (text: string) => [...text].some((char) => {
  const code = char.codePointAt(0) ?? 0;
  return (code >= 0xfdd0 && code <= 0xfdef) || (code & 0xfffe) === 0xfffe;
});

const names = (units: readonly ExportFile[]) => units.map((unit) => unit.name);

describe('systemd units pass systemd-analyze verify', () => {
  it.each(['web=2,worker=1,clock_tick=1', 'all=1', 'worker=3'])('the target and every service of -m %s', (formation) => {
    const units = exportFiles('systemd', sampleFormation(project(SAMPLE_FILES), formation), SAMPLE_OPTIONS);
    expect(verifyUnits(folderOf(units), names(units))).toEqual({ status: 0, output: '' });
  });

  it('and the check fails on a unit systemd would not take as written', () => {
    const [target, service] = exportFiles('systemd', sampleFormation(project(SAMPLE_FILES)), SAMPLE_OPTIONS) as [ExportFile, ExportFile];
    const badRestart = { ...service, content: service.content.replace('Restart=always', 'Restart=sometimes') };
    const unquoted = { ...service, content: service.content.replace('Environment="GREETING=', 'Environment=GREETING="hello" "') };
    const badProgram = { ...service, content: service.content.replace('ExecStart=/bin/sh', 'ExecStart=/no/such/sh') };
    expect(verifyUnits(folderOf([target, badRestart]), names([target, badRestart])).output).toMatch(/Failed to parse service restart specifier/);
    expect(verifyUnits(folderOf([target, unquoted]), names([target, unquoted])).output).not.toBe('');
    expect(verifyUnits(folderOf([target, badProgram]), names([target, badProgram])).status).not.toBe(0);
  });
});

describe('systemd reads every setting back as tfui meant it', () => {
  it('PORT, PS, the env files\' values, the command, the directory, the user and the stop settings', () => {
    const formation = sampleFormation(project(SAMPLE_FILES));
    const units = exportFiles('systemd', formation, SAMPLE_OPTIONS);
    const dir = folderOf(units);
    const worker = formation.types[1]!;
    const reading = systemdReading(dir, 'shop-worker.1.service');
    const expected = [['PORT', '6100'], ['PS', 'worker.1'], ...formation.variables.filter((v) => v.key !== 'PORT').map((v) => [v.key, v.value])];
    expect(reading).toContain(expected.map(([key, value]) => `\t\tEnvironment: ${key}=${value}\n`).join(''));
    expect(commandLineOf(reading).map((word) => word.replaceAll('$$', '$'))).toEqual(['/bin/sh', '-c', startLine(worker.command)]);
    for (const setting of ['WorkingDirectory: /srv/shop 100%', 'User: deploy', 'Restart: on-failure', 'KillMode: mixed', 'TimeoutStopSec: 8s', 'PartOf: shop.target']) {
      expect(reading).toContain(`\t\t${setting}`);
    }
    expect(reading).toMatch(/\t\tStandardOutput: journal\n/);
  });

  // Environment= takes values verbatim after quoting; ExecStart= also expands `$`, and `$$` is its
  // literal dollar (systemd.service(5)), so the argv systemd holds has each `$` doubled.
  it('any value and any one-line command survive the quoting', async () => {
    const value = fc.string({ unit: 'binary', maxLength: 40 }).filter((text) => !text.includes('\0') && !hasNoncharacter(text));
    const commandChar = fc.oneof(fc.constantFrom('$', '%', '\\', '"', "'", ' ', '\t', ';', '{', '}', '#', '`', 'é', '✓', '%n', '${A}', '$$'), fc.string({ unit: 'grapheme-ascii', maxLength: 3 }));
    const command = fc.array(commandChar, { maxLength: 20 }).map((parts) => parts.join('')).filter((text) => !/[\0\n\r]/.test(text));
    await fc.assert(
      fc.asyncProperty(fc.array(value, { minLength: 1, maxLength: 12 }), command, async (values, commandText) => {
        const unit = ['[Service]', ...values.map((v, i) => environmentLine(`V${i}`, v)), execStartLine(commandText), ''].join('\n');
        const reading = systemdReading(folderOf([{ name: 'prop-x.1.service', content: unit }]), 'prop-x.1.service');
        expect(reading).toContain(values.map((v, i) => `\t\tEnvironment: V${i}=${v}\n`).join(''));
        const argv = commandLineOf(reading);
        expect(argv.slice(0, 2)).toEqual(['/bin/sh', '-c']);
        expect(argv[2]?.replaceAll('$$', '$')).toBe(commandText);
        expect(argv[2]?.replaceAll('$$', '')).not.toContain('$');
      }),
      { numRuns: Number(process.env['TFUI_PROPERTY_RUNS'] ?? 25) },
    );
  }, 600_000);

  it('a value systemd cannot hold at all (a noncharacter) is one clear error, not a unit systemd refuses', () => {
    expect(userErrorOf(() => environmentLine('ODD', 'a\u{FFFF}b')).message).toBe('ODD contains a Unicode noncharacter (U+FFFF), which systemd does not accept in a unit');
  });
});
