// A throwaway Redis Cluster (N masters, no replicas) built from the `redis-server` and `redis-cli`
// binaries, for tests that must prove the service works on a cluster. Each node has its own port,
// its own temp dir (nodes.conf) and no persistence; stop() kills the nodes and removes the dirs.
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { waitFor } from '@autocall/testing';
import { freePort, spawnProcess, waitForOutput, type ChildHandle } from './processes.ts';

const run = promisify(execFile);

export type RedisClusterNode = { port: number; dir: string; process: ChildHandle };

export type RedisCluster = {
  nodes: RedisClusterNode[];
  // For the services: `redis://127.0.0.1:<first node>?cluster=true` (the first node is the seed).
  url: string;
  // `redis-cli -p <port> ...args`, trimmed stdout.
  cli(port: number, ...args: string[]): Promise<string>;
  keySlot(key: string): Promise<number>;
  // The port of the master serving a hash slot.
  ownerOfSlot(slot: number): Promise<number>;
  // SCAN of every node for keys matching a glob pattern, by node port.
  scanKeys(pattern: string): Promise<Map<number, string[]>>;
  stop(): Promise<void>;
};

async function requireBinaries(): Promise<void> {
  for (const binary of ['redis-server', 'redis-cli']) {
    try {
      await run(binary, ['--version']);
    } catch (error) {
      throw new Error(
        `The Redis Cluster test needs the ${binary} binary on PATH (Debian/Ubuntu: apt-get install redis-server); ` +
          `it is not skipped without it. ${(error as Error).message}`,
      );
    }
  }
}

async function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

// A client port whose cluster bus port (client port + 10000, the default on every Redis version)
// is free too.
async function freeNodePort(taken: Set<number>): Promise<number> {
  for (let tries = 0; tries < 100; tries++) {
    const port = await freePort();
    if (port > 55_535 || taken.has(port) || taken.has(port + 10_000)) continue;
    if (await portIsFree(port + 10_000)) return port;
  }
  throw new Error('no free port pair (port, port + 10000) for a Redis Cluster node');
}

export async function startRedisCluster(options: { masters?: number } = {}): Promise<RedisCluster> {
  await requireBinaries();
  const masters = options.masters ?? 3;
  const nodes: RedisClusterNode[] = [];
  const cli = async (port: number, ...args: string[]) =>
    (await run('redis-cli', ['-h', '127.0.0.1', '-p', String(port), ...args], { timeout: 30_000 })).stdout.trim();

  const cluster: RedisCluster = {
    nodes,
    url: '',
    cli,
    async keySlot(key) {
      return Number(await cli(nodes[0]!.port, 'CLUSTER', 'KEYSLOT', key));
    },
    async ownerOfSlot(slot) {
      // CLUSTER NODES: `<id> <ip:port@bus> <flags> <master> <ping> <pong> <epoch> <link> <slot ranges...>`
      for (const line of (await cli(nodes[0]!.port, 'CLUSTER', 'NODES')).split('\n')) {
        const fields = line.trim().split(' ');
        if (!fields[2]?.includes('master')) continue;
        for (const range of fields.slice(8)) {
          if (range.startsWith('[')) continue; // a slot being migrated
          const [from, to = from] = range.split('-').map(Number);
          if (slot >= from! && slot <= to!) return Number(fields[1]!.split('@')[0]!.split(':').at(-1));
        }
      }
      throw new Error(`no master serves slot ${slot}`);
    },
    async scanKeys(pattern) {
      const found = new Map<number, string[]>();
      for (const node of nodes) {
        const out = await cli(node.port, '--scan', '--pattern', pattern);
        found.set(node.port, out ? out.split('\n') : []);
      }
      return found;
    },
    async stop() {
      await Promise.all(nodes.map((node) => node.process.stop('SIGTERM', 3_000)));
      await Promise.all(nodes.map((node) => rm(node.dir, { recursive: true, force: true })));
    },
  };

  try {
    const taken = new Set<number>();
    for (let i = 0; i < masters; i++) {
      const port = await freeNodePort(taken);
      taken.add(port).add(port + 10_000);
      const dir = await mkdtemp(path.join(os.tmpdir(), `autocall-redis-${port}-`));
      // Not in killAllChildren: the services' graceful shutdown still needs Redis; stop() ends it.
      const node = spawnProcess(
        `redis-${port}`,
        'redis-server',
        [
          '--port', String(port),
          '--bind', '127.0.0.1',
          '--dir', dir,
          '--cluster-enabled', 'yes',
          '--cluster-config-file', path.join(dir, 'nodes.conf'),
          '--cluster-node-timeout', '5000',
          '--save', '',
          '--appendonly', 'no',
          '--daemonize', 'no',
        ],
        {},
        { track: false },
      );
      nodes.push({ port, dir, process: node });
    }
    await Promise.all(nodes.map((node) => waitForOutput(node.process, 'Ready to accept connections', 20_000)));
    await run(
      'redis-cli',
      ['--cluster', 'create', ...nodes.map((node) => `127.0.0.1:${node.port}`), '--cluster-replicas', '0', '--cluster-yes'],
      { timeout: 60_000 },
    ).catch((error: Error & { stdout?: string; stderr?: string }) => {
      throw new Error(`redis-cli --cluster create failed: ${error.message}\n${error.stdout ?? ''}${error.stderr ?? ''}`);
    });
    await waitFor(
      async () => {
        for (const node of nodes) {
          const info = await cli(node.port, 'CLUSTER', 'INFO');
          if (!info.includes('cluster_state:ok') || !info.includes(`cluster_known_nodes:${masters}`)) return false;
        }
        return true;
      },
      { timeoutMs: 30_000, intervalMs: 100, message: 'Redis Cluster never reached cluster_state:ok on every node' },
    );
    cluster.url = `redis://127.0.0.1:${nodes[0]!.port}?cluster=true`;
    return cluster;
  } catch (error) {
    const logs = nodes.map((node) => `--- ${node.process.name} ---\n${node.process.output().slice(-1_500)}`).join('\n');
    await cluster.stop();
    throw new Error(`${(error as Error).message}\n${logs}`, { cause: error });
  }
}
