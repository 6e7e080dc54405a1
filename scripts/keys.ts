// `npm run keys -- <command>`: API key management from a shell (DATABASE_URL must be set).
//   create --tenant <name|id> [--admin] [--name <label>] [--create-tenant]
//   revoke <key id>
//   list [--tenant <name|id>]
// The secret is printed once, by `create`; only its sha256 is stored.
import { parseArgs } from 'node:util';
import { createApiKey, createDatabase, listApiKeys, resolveTenant, revokeApiKey, type ApiKeyView } from '@autocall/db';

const USAGE = `usage: npm run keys -- create --tenant <name|id> [--admin] [--name <label>] [--create-tenant]
       npm run keys -- revoke <key id>
       npm run keys -- list [--tenant <name|id>]`;

function fail(message: string, code = 2): never {
  process.stderr.write(`${message}\n`);
  process.exit(code);
}

function describe(key: ApiKeyView): string {
  const state = key.revokedAt ? `revoked ${key.revokedAt.toISOString()}` : 'active';
  return `${key.id}  ${key.keyPrefix}…  ${key.role.padEnd(6)}  tenant ${key.tenantName} (${key.tenantId})  "${key.name}"  ${state}`;
}

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    tenant: { type: 'string' },
    admin: { type: 'boolean', default: false },
    name: { type: 'string' },
    'create-tenant': { type: 'boolean', default: true },
    help: { type: 'boolean', short: 'h', default: false },
  },
});
const [command, ...rest] = positionals;
if (values.help || !command) fail(USAGE, values.help ? 0 : 2);
const databaseUrl = process.env.DATABASE_URL;
if (!databaseUrl) fail('DATABASE_URL is not set: export the Postgres connection string first');

const db = createDatabase(databaseUrl);
try {
  if (command === 'create') {
    if (!values.tenant) fail(`create needs --tenant\n${USAGE}`);
    const tenant = await resolveTenant(db.prisma, values.tenant, { create: values['create-tenant'] });
    if (!tenant) fail(`no tenant with id or name "${values.tenant}"`, 1);
    const key = await createApiKey(db.prisma, { tenantId: tenant.id, name: values.name ?? 'cli', role: values.admin ? 'admin' : 'member' });
    process.stderr.write(`${tenant.created ? 'created tenant' : 'tenant'} ${tenant.name} (${tenant.id}); key id ${key.id}\n`);
    process.stderr.write('the secret below is shown once; store it now:\n');
    process.stdout.write(`${key.secret}\n`);
  } else if (command === 'revoke') {
    const id = rest[0];
    if (!id || !/^[0-9a-f-]{36}$/i.test(id)) fail(`revoke needs a key id (a uuid from \`list\`)\n${USAGE}`);
    const revoked = await revokeApiKey(db.prisma, { id, nowMs: Date.now() });
    if (!revoked) fail(`no active key with id ${id}`, 1);
    process.stdout.write(`revoked ${id}\n`);
  } else if (command === 'list') {
    const tenant = values.tenant ? await resolveTenant(db.prisma, values.tenant, { create: false }) : null;
    if (values.tenant && !tenant) fail(`no tenant with id or name "${values.tenant}"`, 1);
    for (const key of await listApiKeys(db.prisma, tenant?.id)) process.stdout.write(`${describe(key)}\n`);
  } else {
    fail(`unknown command "${command}"\n${USAGE}`);
  }
} finally {
  await db.close();
}
