/**
 * chalk decides at load whether Ink's colours are drawn, and a CI variable
 * turns them off (CI=true is exported in some interactive shells and dev
 * containers). tfui draws its screen only on a terminal, so there the
 * terminal decides: Node's colour depth for it, with the CI variables left
 * out. NO_COLOR, FORCE_COLOR and TERM still count. Undefined: keep chalk's.
 */
export function screenColourLevel(stdout: { getColorDepth?(env?: NodeJS.ProcessEnv): number }, env: NodeJS.ProcessEnv): 0 | 1 | 2 | 3 | undefined {
  const ciKeys = Object.keys(env).filter((key) => key === 'CI' || key === 'CONTINUOUS_INTEGRATION' || key.startsWith('CI_'));
  if (ciKeys.length === 0 || !stdout.getColorDepth) return undefined;
  const withoutCi = { ...env };
  for (const key of ciKeys) delete withoutCi[key];
  const depth = stdout.getColorDepth(withoutCi);
  return depth >= 24 ? 3 : depth >= 8 ? 2 : depth >= 4 ? 1 : 0;
}
