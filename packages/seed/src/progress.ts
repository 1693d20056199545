import { Presets, SingleBar } from 'cli-progress';
import { type LoadSummary, type LoadTarget, loadPlan } from './load';
import { say, seedText } from './messages';
import type { SeedPlan } from './plan-types';

export function planSize(plan: SeedPlan): number {
  return Object.values(plan).reduce((n, rows) => n + rows.length, 0);
}

/** Loads a plan with a progress bar on stderr (plain lines when it is not a terminal) and a summary. */
export async function loadWithProgress(
  plan: SeedPlan,
  target: LoadTarget,
  label: string,
): Promise<LoadSummary> {
  const bar = new SingleBar(
    {
      format: `${label} [{bar}] {percentage}% {value}/{total} ${say(seedText('documents'))}, {duration}s`,
      noTTYOutput: true,
      notTTYSchedule: 5000,
    },
    Presets.shades_classic,
  );
  bar.start(planSize(plan), 0);
  const started = Date.now();
  try {
    const summary = await loadPlan(plan, target, (n) => bar.increment(n));
    bar.stop();
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    console.error(say(seedText('done', { label, seconds })));
    for (const [name, s] of Object.entries(summary))
      console.error(
        say(
          seedText('collection', {
            name: name.padEnd(18),
            inserted: String(s.inserted).padStart(8),
            planned: String(s.planned).padStart(8),
          }),
        ),
      );
    return summary;
  } catch (e) {
    bar.stop();
    throw e;
  }
}
