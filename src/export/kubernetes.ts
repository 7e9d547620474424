import { isSecretName, UserError, type ResolvedFormation } from '../config/index.js';
import { dollarsDoubled, startLine } from './command-line.js';
import { kubernetesName } from './names.js';
import type { ExportFile, ExportOptions } from './types.js';
import { exportedVariables } from './variables.js';
import { yamlDocuments } from './yaml-text.js';

/**
 * One manifest, `APP.yaml`: a ConfigMap with the env files' values (secret-looking names go
 * to a Secret instead), a Deployment per process type with the formation's replicas, and a
 * Service per `--service` type. Every pod has its own network, so a type's replicas share
 * its first PORT; PS is the pod's name.
 */
export function kubernetesManifests(formation: ResolvedFormation, options: ExportOptions): ExportFile[] {
  const { app, image } = options;
  if (image === undefined) throw new UserError('kubernetes needs the image to run: give --image IMAGE', 2);
  const variables = exportedVariables(formation);
  const plain = variables.filter((variable) => !isSecretName(variable.key));
  const secret = variables.filter((variable) => isSecretName(variable.key));
  const envName = `${app}-env`;
  const appLabel = { 'app.kubernetes.io/name': app, 'app.kubernetes.io/managed-by': 'tfui' };
  const documents: unknown[] = [];
  if (plain.length > 0) {
    documents.push({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: envName, labels: appLabel }, data: Object.fromEntries(plain.map((v) => [v.key, v.value])) });
  }
  if (secret.length > 0) {
    documents.push({ apiVersion: 'v1', kind: 'Secret', metadata: { name: envName, labels: appLabel }, type: 'Opaque', stringData: Object.fromEntries(secret.map((v) => [v.key, v.value])) });
  }
  const envFrom = [...(plain.length > 0 ? [{ configMapRef: { name: envName } }] : []), ...(secret.length > 0 ? [{ secretRef: { name: envName } }] : [])];
  for (const type of formation.types) {
    const name = kubernetesName(app, type.name);
    const labels = { 'app.kubernetes.io/name': app, 'app.kubernetes.io/component': name.slice(app.length + 1) };
    const listens = options.services.includes(type.name);
    const container = {
      name: labels['app.kubernetes.io/component'],
      image,
      command: ['/bin/sh', '-c', dollarsDoubled(startLine(type.command))],
      env: [
        { name: 'PORT', value: String(type.port) },
        { name: 'PS', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } },
      ],
      ...(envFrom.length > 0 ? { envFrom } : {}),
      ...(listens ? { ports: [{ name: 'port', containerPort: type.port }] } : {}),
    };
    documents.push({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name, labels: { ...labels, 'app.kubernetes.io/managed-by': 'tfui' } },
      spec: {
        replicas: type.count,
        selector: { matchLabels: labels },
        template: {
          metadata: { labels },
          spec: {
            // tfui's -t: the grace between SIGTERM and SIGKILL.
            terminationGracePeriodSeconds: Math.ceil(formation.timeoutSeconds),
            // Kubernetes restarts every container of a Deployment: the Procfile's restart policy does not apply.
            containers: [container],
          },
        },
      },
    });
    if (listens) {
      documents.push({
        apiVersion: 'v1',
        kind: 'Service',
        metadata: { name, labels: { ...labels, 'app.kubernetes.io/managed-by': 'tfui' } },
        spec: { selector: labels, ports: [{ name: 'port', port: type.port, targetPort: 'port' }] },
      });
    }
  }
  return [{ name: `${app}.yaml`, content: yamlDocuments(documents) }];
}
