export { loadConfig, ConfigError } from './config.ts';
export type { Config } from './config.ts';
export { runMain } from './run-main.ts';
