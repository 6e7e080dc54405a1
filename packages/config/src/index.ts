export { loadConfig, ConfigError } from './config.ts';
export type { Config } from './config.ts';
export { describeServiceUrl, LOCAL_SERVICE_DEFAULTS, withLocalServiceDefaults } from './local-defaults.ts';
export { runMain } from './run-main.ts';
