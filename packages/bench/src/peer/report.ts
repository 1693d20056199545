import { cliLanguage, type Language, type Message } from '@union-graph/subgraph-kit';
import { ratio } from '../load';
import { benchText } from '../messages';
import { num, table } from '../report';
import { peerText } from './messages';
import { PEER_GATEWAYS, PEER_WORKLOADS, type PeerResult } from './scenario';

/** The peer scenario's tables and targets in `language`: the terminal's (`LANG`) by default. */
export function formatPeerReport(r: PeerResult, language: Language = cliLanguage()): string {
  const say = (m: Message) => m.render(language);
  const s = r.settings;
  const out = [
    say(
      peerText('title', {
        kib: (r.answerBytes / 1024).toFixed(1),
        connections: r.connections,
        rounds: s.rounds,
        each: s.requests ? benchText('requests', { n: s.requests }) : benchText('seconds', { n: s.duration }),
      }),
    ),
  ];
  for (const workload of PEER_WORKLOADS) {
    const figures = r.workloads[workload];
    out.push(
      table(
        say(peerText(workload)),
        ['', 'req/s', '× ours', 'p50 ms', 'p95 ms', 'p99 ms', 'CPU ms/req', 'requests', 'failed'],
        PEER_GATEWAYS.map((name) => {
          const f = figures[name];
          return [
            say(peerText(name)),
            num(f.rps),
            `${num(ratio(f.rps, figures.ours.rps), 2)}×`,
            num(f.p50),
            num(f.p95),
            num(f.p99),
            num(f.cpuMsPerRequest, 2),
            String(f.requests),
            String(f.failures),
          ];
        }),
      ),
    );
  }
  out.push(
    table(
      say(peerText('memory')),
      ['', 'at rest', 'peak'],
      PEER_GATEWAYS.map((name) => [
        say(peerText(name)),
        num(r.memory[name].restMiB, 0),
        num(r.memory[name].peakMiB, 0),
      ]),
    ),
    say(benchText('targets')),
    ...r.targets.map(
      (t) => `  ${say(benchText(t.holds ? 'holds' : 'misses'))}  ${say(t.name)}: ${say(t.detail)}`,
    ),
  );
  return out.join('\n');
}
