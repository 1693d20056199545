import { BadUserInputError } from '@union-graph/subgraph-kit';
import { text } from '../messages';
import type { ResolutionDoc, WorkersCongressDoc } from '../models';
import { congressRules } from '../rules';

type CongressInput = Pick<WorkersCongressDoc, 'delegates' | 'frontLineDelegates' | 'present' | 'resolutions'>;

export function quorumReached(
  c: Pick<CongressInput, 'delegates' | 'present'>,
  rules = congressRules,
): boolean {
  return c.present >= Math.ceil(c.delegates * rules.quorumShare - 1e-9);
}

/** A resolution passes with more than half of all delegates (not only of those present). */
export function adopted(r: ResolutionDoc, delegates: number): boolean {
  return r.votesFor * 2 > delegates;
}

export function checkCongress(c: CongressInput, rules = congressRules): void {
  if (c.delegates < rules.minDelegates) {
    throw new BadUserInputError(text('congressMinDelegates', { min: rules.minDelegates }), 'delegates');
  }
  if (c.frontLineDelegates > c.delegates) {
    throw new BadUserInputError(text('frontLineOverDelegates'), 'frontLineDelegates');
  }
  if (c.frontLineDelegates < Math.ceil(c.delegates * rules.minFrontLineShare - 1e-9)) {
    throw new BadUserInputError(
      text('frontLineShare', { percent: Math.round(rules.minFrontLineShare * 100) }),
      'frontLineDelegates',
    );
  }
  if (c.present > c.delegates) throw new BadUserInputError(text('presentOverDelegates'), 'present');
  if (c.resolutions.length > 0 && !quorumReached(c, rules)) {
    throw new BadUserInputError(text('noQuorumToVote'), 'present');
  }
  c.resolutions.forEach((r, i) => {
    if (r.votesFor + r.votesAgainst + r.abstentions > c.present) {
      throw new BadUserInputError(text('votesOverPresent'), `resolutions.${i}`);
    }
  });
}

export interface ResolutionView extends ResolutionDoc {
  adopted: boolean;
}
