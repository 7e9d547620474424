import { UserError } from '../config/index.js';

/** The default app name: the root folder's name, lowercased, other characters than letters, digits and `-` as `-`. */
export function defaultAppName(rootFolderName: string): string {
  return rootFolderName.toLowerCase().replace(/[^a-z0-9-]+/g, '-').replace(/^-+|-+$/g, '');
}

// Unit names may hold more, but `APP-TYPE.N.service` must split back into its parts;
// compose project names are lowercase (docker compose refuses others).
const SYSTEMD_APP = /^[A-Za-z0-9][A-Za-z0-9_-]*$/;
const COMPOSE_APP = /^[a-z0-9][a-z0-9_-]*$/;
// A Service's name is a DNS-1035 label (RFC 1035): the strictest name we derive from the app.
const DNS_LABEL = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;
const DNS_LABEL_MAX = 63;

/** Checks an app name for a format; `origin` says where it came from, for the message. */
export function checkAppName(app: string, format: 'systemd' | 'kubernetes' | 'compose', origin: string): void {
  const [rule, what] =
    format === 'systemd' ? [SYSTEMD_APP, 'letters, digits, "_" and "-"']
    : format === 'compose' ? [COMPOSE_APP, 'lowercase letters, digits, "_" and "-"']
    : [DNS_LABEL, 'lowercase letters, digits and "-", starting with a letter'];
  if (!rule.test(app)) throw new UserError(`${origin}: app name "${app}" is not valid for ${format} (use ${what}; choose one with -a)`, 2);
}

/** A Kubernetes object name for a process type: `APP-TYPE`, lowercase, `_` as `-`. */
export function kubernetesName(app: string, type: string): string {
  const name = `${app}-${type.toLowerCase().replaceAll('_', '-')}`;
  if (!DNS_LABEL.test(name) || name.length > DNS_LABEL_MAX) {
    throw new UserError(`process type "${type}" gives the Kubernetes name "${name}", which is not a DNS label (at most ${DNS_LABEL_MAX} lowercase letters, digits and "-", not ending in "-"); choose a shorter -a or rename the type`, 2);
  }
  return name;
}
