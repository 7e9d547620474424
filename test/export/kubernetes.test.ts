import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { Deployment } from 'kubernetes-models/apps/v1';
import { ConfigMap, Secret, Service } from 'kubernetes-models/v1';
import { exportFiles } from '../../src/export/index.js';
import { useProjects } from '../helpers/project.js';
import { userErrorOf } from '../helpers/user-error.js';
import { SAMPLE_FILES, SAMPLE_OPTIONS, sampleFormation } from './sample-app.js';

const project = useProjects();

type Manifest = { kind: string; metadata: { name: string } } & Record<string, unknown>;

/** Validates one object against the Kubernetes OpenAPI schema of its kind (kubernetes-models); throws when it does not conform. */
function validate(manifest: Manifest): void {
  const models = { ConfigMap, Secret, Service, Deployment } as const;
  const Model = models[manifest.kind as keyof typeof models];
  if (!Model) throw new Error(`unexpected kind ${manifest.kind}`);
  // The models' constructors take their own typed shapes; the parsed YAML is checked by validate().
  new Model(manifest as never).validate();
}

function manifests(formation = 'web=2,worker=1,clock_tick=1', services = ['web']): Manifest[] {
  const [file] = exportFiles('kubernetes', sampleFormation(project(SAMPLE_FILES), formation), { ...SAMPLE_OPTIONS, services });
  return parseAllDocuments(file?.content ?? '').map((document) => document.toJS() as Manifest);
}

describe('kubernetes manifests', () => {
  it('every object validates against the Kubernetes schemas', () => {
    const objects = manifests();
    expect(objects.map((o) => `${o.kind}/${o.metadata.name}`)).toEqual([
      'ConfigMap/shop-env', 'Secret/shop-env', 'Deployment/shop-web', 'Service/shop-web', 'Deployment/shop-worker', 'Deployment/shop-clock-tick',
    ]);
    for (const object of objects) expect(() => validate(object), `${object.kind}/${object.metadata.name}`).not.toThrow();
  });

  it('and the validation fails on objects Kubernetes would refuse', () => {
    const deployment = manifests().find((o) => o.kind === 'Deployment') as Manifest & { spec: { replicas: unknown; template: { spec: { containers: Array<Record<string, unknown>> } } } };
    const badReplicas = structuredClone(deployment);
    badReplicas.spec.replicas = 'two';
    expect(() => validate(badReplicas)).toThrow(/replicas/);
    const nameless = structuredClone(deployment);
    delete nameless.spec.template.spec.containers[0]?.['name'];
    expect(() => validate(nameless)).toThrow(/name/);
  });

  it('replicas from the formation, the command through /bin/sh, PORT per type, PS from the pod name, secrets apart', () => {
    const objects = manifests('web=3,worker=0,clock_tick=1', ['web', 'worker']);
    const deployments = objects.filter((o) => o.kind === 'Deployment') as Array<Manifest & { spec: { replicas: number; template: { spec: { containers: Array<{ command: string[]; env: unknown[] }> } } } }>;
    expect(deployments.map((d) => [d.metadata.name, d.spec.replicas])).toEqual([['shop-web', 3], ['shop-worker', 0], ['shop-clock-tick', 1]]);
    const web = deployments[0]?.spec.template.spec.containers[0];
    expect(web?.command).toEqual(['/bin/sh', '-c', 'exec node server.js --port $$PORT --greeting "$$GREETING"']);
    expect(web?.env).toEqual([{ name: 'PORT', value: '6000' }, { name: 'PS', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } }]);
    expect(objects.filter((o) => o.kind === 'Service').map((o) => o.metadata.name)).toEqual(['shop-web', 'shop-worker']);
    const secret = objects.find((o) => o.kind === 'Secret') as Manifest & { stringData: Record<string, string> };
    expect(Object.keys(secret.stringData)).toEqual(['API_TOKEN', 'DATABASE_URL']);
    const config = objects.find((o) => o.kind === 'ConfigMap') as Manifest & { data: Record<string, string> };
    expect(config.data['DOLLAR']).toBe('$HOME and ${PATH} cost $5');
    expect(config.data).not.toHaveProperty('PORT');
  });

  it('needs an image', () => {
    const formation = sampleFormation(project(SAMPLE_FILES));
    expect(userErrorOf(() => exportFiles('kubernetes', formation, { ...SAMPLE_OPTIONS, image: undefined })).message).toBe('kubernetes needs the image to run: give --image IMAGE');
  });
});
