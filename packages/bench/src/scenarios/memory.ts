import type { BenchServer } from '../stack';

export interface MemoryFigures {
  /** Resident set after start-up, before any load (MiB). */
  restMiB: number;
  /** The kernel's high-water mark of the resident set over the whole run (MiB). */
  peakMiB: number;
}

const MiB = 1024 * 1024;

export async function restingMemory(servers: BenchServer[]): Promise<Record<string, number>> {
  const stats = await Promise.all(servers.map((s) => s.stats()));
  return Object.fromEntries(servers.map((s, i) => [s.name, stats[i]!.rss / MiB]));
}

/** Scenario 4: RSS per process at rest (taken before the load) and at its peak (after it). */
export async function memory(
  servers: BenchServer[],
  rest: Record<string, number>,
): Promise<Record<string, MemoryFigures>> {
  const stats = await Promise.all(servers.map((s) => s.stats()));
  return Object.fromEntries(
    servers.map((s, i) => [s.name, { restMiB: rest[s.name] ?? 0, peakMiB: stats[i]!.peakRss / MiB }]),
  );
}
