export { UserError } from './user-error.js';
export { parseProcfile, type ProcfileEntry } from './procfile.js';
export { parseEnvFile, type EnvEntry } from './env-file.js';
export { parseFormation, resolveFormation, type Formation, type FormationSpec } from './formation.js';
export { portFor, parsePort, DEFAULT_BASE_PORT } from './ports.js';
export { mergeEnvironment, readEnvFiles, toProcessEnv, type Environment, type EnvSource, type EnvVar } from './environment.js';
export { readProjectDefaults, type ProjectDefaults } from './project-defaults.js';
export { loadAppConfig, loadRunConfig, instanceEnvironment, displayPath, DEFAULT_TIMEOUT_SECONDS, type AppConfig, type AppOptions, type ProcessType } from './app-config.js';
export { isSecretName, maskValue, isShellName } from './secrets.js';
