// `npm run db:migrate`: applies prisma/migrations to DATABASE_URL (creating the database when
// it is missing). Safe to run from several containers at once: the advisory lock serialises
// them and the later ones find nothing left to apply.
import { createLogger } from '@autocall/logger';
import { applyMigrations } from '../packages/db/src/migrate.ts';

const logger = createLogger({ name: 'db-migrate', level: process.env.LOG_LEVEL ?? 'info' });
const databaseUrl = process.env.DATABASE_URL;

if (!databaseUrl) {
  logger.error({ code: 'DATABASE_URL_MISSING' }, 'DATABASE_URL is not set: export the Postgres connection string to migrate');
  process.exit(1);
}

try {
  const { applied } = await applyMigrations(databaseUrl, { logger });
  if (applied.length === 0) logger.info('database schema is up to date: no migration applied');
  else logger.info({ applied }, `applied ${applied.length} migration(s)`);
} catch (error) {
  const code = (error as { code?: string }).code ?? 'MIGRATION_FAILED';
  logger.error({ code, err: error }, error instanceof Error ? error.message : String(error));
  process.exit(1);
}
