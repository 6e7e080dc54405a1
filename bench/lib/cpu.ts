// CPU time actually spent by the processes under test (Linux /proc), next to wall-clock rates: on
// a shared machine a rate mostly measures how much CPU the scheduler handed out, while CPU per
// operation stays close to what the code costs.
import { readFileSync } from 'node:fs';
import type { Stack } from './stack.ts';

const TICK_MS = 10; // getconf CLK_TCK = 100 on Linux

function processCpuMs(pid: number): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name (which may contain spaces) start at ") ".
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) * TICK_MS;
  } catch {
    return null;
  }
}

export type CpuSnapshot = Map<number, number>;

export function cpuSnapshot(pids: number[]): CpuSnapshot {
  const snapshot: CpuSnapshot = new Map();
  for (const pid of pids) {
    const ms = processCpuMs(pid);
    if (ms !== null) snapshot.set(pid, ms);
  }
  return snapshot;
}

// CPU ms used between two snapshots; a process that appeared in between counts from zero.
export function cpuSpent(before: CpuSnapshot, after: CpuSnapshot): number {
  let total = 0;
  for (const [pid, ms] of after) total += ms - (before.get(pid) ?? 0);
  return total;
}

// Postgres backends serving the bench database's clients (the server is shared; only ours are
// counted). Autovacuum workers are left out: their work is real but lands whenever it lands.
export async function databaseBackendPids(stack: Stack): Promise<number[]> {
  const { rows } = await stack.pool.query<{ pid: number }>(
    `SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND backend_type = 'client backend'`,
  );
  return rows.map((r) => r.pid);
}

// Roles of the stack whose CPU a scenario reports.
export async function stackPids(stack: Stack): Promise<Record<'api' | 'workers' | 'sim' | 'postgres', number[]>> {
  return {
    api: [stack.api.pid],
    workers: stack.workers.map((w) => w.pid),
    sim: [stack.sim.pid],
    postgres: await databaseBackendPids(stack),
  };
}

export type RoleCpu = Record<string, number>;

export async function measureCpu<T>(stack: Stack, run: () => Promise<T>): Promise<{ result: T; cpuMs: RoleCpu }> {
  const pids = await stackPids(stack);
  const before = Object.fromEntries(Object.entries(pids).map(([role, list]) => [role, cpuSnapshot(list)]));
  const result = await run();
  // Backends opened during the run count too.
  const afterPids = { ...pids, postgres: await databaseBackendPids(stack) };
  const cpuMs = Object.fromEntries(Object.entries(afterPids).map(([role, list]) => [role, cpuSpent(before[role]!, cpuSnapshot(list))]));
  return { result, cpuMs };
}

// Every role together: what an operation costs the machine, wherever the work landed.
export function totalCpuMs(cpuMs: RoleCpu): number {
  return Object.values(cpuMs).reduce((sum, ms) => sum + ms, 0);
}

export function formatCpu(cpuMs: RoleCpu, per: number, unit: string): string {
  return Object.entries(cpuMs)
    .map(([role, ms]) => `${role} ${(ms / per).toFixed(ms / per < 10 ? 2 : 0)}`)
    .join(', ') + ` CPU-ms per ${unit}`;
}

export function cpuPressure(): string | null {
  try {
    const line = readFileSync('/proc/pressure/cpu', 'utf8').split('\n')[0]!;
    return line.replace(/^some /, '');
  } catch {
    return null;
  }
}
