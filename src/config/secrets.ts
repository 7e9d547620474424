/** Names whose values should not be shown on screen until asked. */
const SECRET_NAME = /(SECRET|TOKEN|PASSW(OR)?D|PASS$|PRIVATE|CREDENTIAL|API_?KEY|ACCESS_?KEY|AUTH|_KEY$|^KEY$|DSN|DATABASE_URL|_URL_WITH_AUTH)/i;

export function isSecretName(name: string): boolean {
  return SECRET_NAME.test(name);
}

export function maskValue(value: string): string {
  return value === '' ? '' : '••••••';
}

/** A shell can only pass on variables whose names are identifiers; /bin/sh drops the rest. */
export function isShellName(name: string): boolean {
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(name);
}
