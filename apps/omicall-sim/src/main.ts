import { buildSimulator } from './app.ts';
import { loadSimConfig } from './options.ts';

const config = loadSimConfig();
const sim = await buildSimulator(config.options);
const url = await sim.listen(config.port, config.host);
sim.app.log.info({ url, seed: config.options.seed, webhookUrl: config.options.faults.webhookUrl }, 'omicall simulator listening');

let stopping = false;
const stop = (signal: string) => {
  if (stopping) return;
  stopping = true;
  sim.app.log.info({ signal }, 'omicall simulator stopping');
  sim.close().then(
    () => process.exit(0),
    (err: unknown) => {
      sim.app.log.error({ err }, 'omicall simulator failed to stop cleanly');
      process.exit(1);
    },
  );
};
process.on('SIGTERM', () => stop('SIGTERM'));
process.on('SIGINT', () => stop('SIGINT'));
