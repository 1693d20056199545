import { evaluateEligibility } from '../domain/eligibility';

/** Local practice is configuration: each rule set reads its JSON override once, at start-up. */
function rulesWith(env: Record<string, string>): typeof import('../rules') {
  const saved = { ...process.env };
  Object.assign(process.env, env);
  try {
    let loaded: typeof import('../rules') | undefined;
    jest.isolateModules(() => {
      loaded = require('../rules');
    });
    return loaded!;
  } finally {
    process.env = saved;
  }
}

describe('configurable local rules', () => {
  it('defaults to R19 90%/90%, R20 60 and 7 days, R8 24 hours, §13 centers at federations', () => {
    const rules = rulesWith({});
    expect(rules.modelHomeRules).toMatchObject({ minJoiningRate: 0.9, minSatisfactionRate: 0.9 });
    expect(rules.contractRules).toEqual({ renewalWindowDays: 60, fileWithinDays: 7 });
    expect(rules.disputeRules).toEqual({ lateAfterHours: 24 });
    expect(rules.assistanceCenterRules.unionTypes).toEqual(
      expect.arrayContaining(['LOCAL_FEDERATION', 'TOWNSHIP_FEDERATION']),
    );
    expect(rules.assistanceCenterRules.unionTypes).not.toContain('GRASSROOTS');
  });

  it('takes another province’s thresholds from the environment', () => {
    const rules = rulesWith({
      UNION_GRAPH_RULES_MODEL_HOME: '{"minJoiningRate":0.8,"requireLowerTitle":false}',
      UNION_GRAPH_RULES_COLLECTIVE_CONTRACT: '{"renewalWindowDays":90}',
      // §13: a province whose centers are all run at county level and above.
      UNION_GRAPH_RULES_ASSISTANCE_CENTER: '{"unionTypes":["NATIONAL_FEDERATION","LOCAL_FEDERATION"]}',
    });
    expect(rules.contractRules).toEqual({ renewalWindowDays: 90, fileWithinDays: 7 });
    expect(rules.assistanceCenterRules.unionTypes).not.toContain('TOWNSHIP_FEDERATION');
    const e = evaluateEligibility(
      'CITY',
      { memberCount: 80, employeeCount: 100 },
      0.9,
      false,
      rules.modelHomeRules,
    );
    expect(e).toMatchObject({ eligible: true, reasons: [] });
  });

  it('fails fast on an invalid override', () => {
    expect(() => rulesWith({ UNION_GRAPH_RULES_COLLECTIVE_DISPUTE: '{"lateAfterHours":-1}' })).toThrow(
      /UNION_GRAPH_RULES_COLLECTIVE_DISPUTE: lateAfterHours/,
    );
  });
});
