import { BadUserInputError } from '@union-graph/subgraph-kit';
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
    throw new BadUserInputError(
      `a workers' congress has at least ${rules.minDelegates} delegates`,
      'delegates',
    );
  }
  if (c.frontLineDelegates > c.delegates) {
    throw new BadUserInputError('more front-line delegates than delegates', 'frontLineDelegates');
  }
  if (c.frontLineDelegates < Math.ceil(c.delegates * rules.minFrontLineShare - 1e-9)) {
    throw new BadUserInputError(
      `front-line workers must be at least ${Math.round(rules.minFrontLineShare * 100)}% of delegates`,
      'frontLineDelegates',
    );
  }
  if (c.present > c.delegates) throw new BadUserInputError('more delegates present than elected', 'present');
  if (c.resolutions.length > 0 && !quorumReached(c, rules)) {
    throw new BadUserInputError('without a quorum the congress cannot vote resolutions', 'present');
  }
  c.resolutions.forEach((r, i) => {
    if (r.votesFor + r.votesAgainst + r.abstentions > c.present) {
      throw new BadUserInputError('more votes than delegates present', `resolutions.${i}`);
    }
  });
}

export interface ResolutionView extends ResolutionDoc {
  adopted: boolean;
}
