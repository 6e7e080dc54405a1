// Vitest global setup for the browser journeys: the API serves apps/web/dist, so build it once per
// run, before any stack starts, and only when it is missing or older than its sources.
import { ensureConsoleBuilt } from '../../../scripts/console-build.ts';

export default async function setup(): Promise<void> {
  await ensureConsoleBuilt((fields, message) => process.stdout.write(`[console] ${message} ${JSON.stringify(fields)}\n`));
}
