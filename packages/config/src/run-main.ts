import { ConfigError } from './config.ts';

// Start-up and signal handling shared by the process entry points.
export async function runMain(role: string, start: () => Promise<{ close(): Promise<void> }>): Promise<void> {
  let running: { close(): Promise<void> };
  try {
    running = await start();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${role}: ${error.message}\n`);
      process.exit(78);
    }
    throw error;
  }
  let closing = false;
  const stop = async (signal: string) => {
    if (closing) return;
    closing = true;
    process.stderr.write(`${role}: ${signal} received, shutting down\n`);
    await running.close();
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
}
