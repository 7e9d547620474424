import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { exportFiles } from '../../src/export/index.js';
import { useProjects } from '../helpers/project.js';
import { SAMPLE_FILES, SAMPLE_OPTIONS, sampleFormation } from './sample-app.js';

const project = useProjects();

/** The compose-spec schema, vendored at a pinned commit (vendor/compose-spec/README.md), compiled by ajv. */
function composeValidator() {
  const schema = JSON.parse(readFileSync(new URL('../../vendor/compose-spec/compose-spec.json', import.meta.url), 'utf8')) as { $schema: string };
  // The schema names draft-07 by its https address; ajv knows that meta-schema under its http one.
  const draft07 = createRequire(import.meta.url)('ajv/dist/refs/json-schema-draft-07.json') as Record<string, unknown>;
  const ajv = new Ajv({ allErrors: true, allowUnionTypes: true, strictTypes: false });
  ajv.addMetaSchema({ ...draft07, $id: schema.$schema });
  return ajv.compile(schema);
}

type Service = { command: string[]; environment: Record<string, string>; ports?: string[]; deploy: { replicas: number }; working_dir: string; image?: string; build?: string };

function composeOf(options = SAMPLE_OPTIONS, formation?: string): { name: string; services: Record<string, Service> } {
  const [file] = exportFiles('compose', sampleFormation(project(SAMPLE_FILES), formation), options);
  expect(file?.name).toBe('compose.yaml');
  return parse(file?.content ?? '') as { name: string; services: Record<string, Service> };
}

describe('compose file', () => {
  const validate = composeValidator();

  it('validates against the compose-spec schema, with an image and without one', () => {
    for (const options of [SAMPLE_OPTIONS, { ...SAMPLE_OPTIONS, image: undefined, services: ['web', 'worker'] }]) {
      const compose = composeOf(options);
      expect(validate(compose), JSON.stringify(validate.errors)).toBe(true);
    }
  });

  it('and the validation fails on a file compose would refuse', () => {
    const misspelt = composeOf() as unknown as { services: Record<string, Record<string, unknown>> };
    misspelt.services['web'] = { ...misspelt.services['web'], commnd: ['x'] };
    expect(validate(misspelt)).toBe(false);
    const badReplicas = composeOf() as unknown as { services: Record<string, { deploy: Record<string, unknown> }> };
    badReplicas.services['web']!.deploy['replicas'] = { many: true };
    expect(validate(badReplicas)).toBe(false);
  });

  it('a service per type with its replicas, command, environment, working_dir, and ports for --service types', () => {
    const compose = composeOf(SAMPLE_OPTIONS, 'web=2,worker=0,clock_tick=1');
    expect(compose.name).toBe('shop');
    expect(Object.entries(compose.services).map(([name, s]) => [name, s.deploy.replicas, s.ports ?? null])).toEqual([
      ['web', 2, ['6000-6001:6000']],
      ['worker', 0, null],
      ['clock_tick', 1, null],
    ]);
    const web = compose.services['web'];
    // Compose interpolates `$`; `$$` is a literal dollar, so the shell and the process see the text as written.
    expect(web?.command).toEqual(['/bin/sh', '-c', 'exec node server.js --port $$PORT --greeting "$$GREETING"']);
    expect(web?.environment['DOLLAR']).toBe('$$HOME and $${PATH} cost $$5');
    expect(web?.environment['PORT']).toBe('6000');
    expect(web?.environment).not.toHaveProperty('PS');
    expect(web?.working_dir).toBe('/srv/shop 100%');
  });
});
