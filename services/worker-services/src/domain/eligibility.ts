import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { BadUserInputError, now as clock, type Message, parseEnv, z } from '@union-graph/subgraph-kit';
import { text } from '../messages';
import type { TitleLevel } from '../models';
import { modelHomeRules } from '../rules';

/**
 * R19: a home may apply for a model title when the joining rate (members / employees) and the
 * members' satisfaction rate reach the thresholds and the title one level below is held.
 *
 * Member and employee counts belong to other subgraphs; this subgraph only sees them in
 * `Organization.modelHomeEligibility`, where the gateway supplies them through `@requires`. A
 * mutation cannot `@require` anything, so that field hands out a short-lived certificate — the
 * figures signed with a key derived from the hop secret — and `applyForModelTitle` accepts the
 * figures only with a valid signature: nobody types counts in by hand.
 */

export interface Figures {
  memberCount: number;
  /**
   * The members subgraph withheld the union's count from this caller (issue #19): eligibility read
   * it as 0 members, which must not be shown as a figure.
   */
  memberCountWithheld?: boolean;
  employeeCount: number | null;
  joiningRate: number | null;
  satisfactionRate: number | null;
}

export interface Eligibility {
  level: TitleLevel;
  eligible: boolean;
  figures: Figures;
  lowerTitleHeld: boolean;
  /** Rendered in the caller's language where they reach a user. */
  reasons: Message[];
}

const LEVEL_ORDER: readonly TitleLevel[] = ['COUNTY', 'CITY', 'PROVINCE', 'NATIONAL'];

/** The title that must already be held before this one (none below county). */
export function lowerLevel(level: TitleLevel): TitleLevel | null {
  return LEVEL_ORDER[LEVEL_ORDER.indexOf(level) - 1] ?? null;
}

// Rates are compared with a little tolerance so that exactly 90% (9 of 10) passes a 0.9 threshold.
const atLeast = (rate: number | null, min: number) => rate !== null && rate >= min - 1e-9;

export function evaluateEligibility(
  level: TitleLevel,
  counts: { memberCount: number; employeeCount: number | null },
  satisfactionRate: number | null,
  lowerTitleHeld: boolean,
  rules = modelHomeRules,
): Eligibility {
  const { memberCount, employeeCount } = counts;
  const joiningRate = employeeCount && employeeCount > 0 ? memberCount / employeeCount : null;
  const reasons: Message[] = [];
  if (joiningRate === null) reasons.push(text('employeeCountUnknown'));
  else if (!atLeast(joiningRate, rules.minJoiningRate))
    reasons.push(text('joiningRateBelow', { rate: pct(joiningRate), min: pct(rules.minJoiningRate) }));
  if (satisfactionRate === null) reasons.push(text('noSatisfactionSurvey'));
  else if (!atLeast(satisfactionRate, rules.minSatisfactionRate))
    reasons.push(
      text('satisfactionBelow', { rate: pct(satisfactionRate), min: pct(rules.minSatisfactionRate) }),
    );
  const lower = lowerLevel(level);
  if (rules.requireLowerTitle && lower && !lowerTitleHeld)
    reasons.push(text('lowerTitleNotHeld', { level: lower }));
  return {
    level,
    eligible: reasons.length === 0,
    figures: { memberCount, employeeCount, joiningRate, satisfactionRate },
    lowerTitleHeld: lower === null || lowerTitleHeld,
    reasons,
  };
}

function pct(rate: number): string {
  return `${Math.round(rate * 1000) / 10}%`;
}

interface CertificateBody {
  organizationId: string;
  level: TitleLevel;
  memberCount: number;
  employeeCount: number;
  issuedAt: number;
}

let key: Buffer | undefined;
function certificateKey(): Buffer {
  key ??= createHash('sha256')
    .update('union-graph/model-home-eligibility/')
    .update(parseEnv(z.object({ UNION_GRAPH_HOP_SECRET: z.string().min(32) })).UNION_GRAPH_HOP_SECRET)
    .digest();
  return key;
}

const sign = (payload: string) => createHmac('sha256', certificateKey()).update(payload).digest('base64url');

export function issueCertificate(
  organizationId: string,
  e: Eligibility,
  now = clock().getTime(),
): string | null {
  if (!e.eligible || e.figures.employeeCount === null) return null;
  const body: CertificateBody = {
    organizationId,
    level: e.level,
    memberCount: e.figures.memberCount,
    employeeCount: e.figures.employeeCount,
    issuedAt: now,
  };
  const payload = Buffer.from(JSON.stringify(body)).toString('base64url');
  return `${payload}.${sign(payload)}`;
}

/** The member and employee counts a certificate vouches for, or BAD_USER_INPUT on `certificate`. */
export function readCertificate(
  certificate: string,
  organizationId: string,
  level: TitleLevel,
  now = clock().getTime(),
  rules = modelHomeRules,
): CertificateBody {
  const [payload = '', signature = ''] = certificate.split('.');
  const expected = Buffer.from(sign(payload));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) {
    throw new BadUserInputError(text('certificateForged'), 'certificate');
  }
  const body = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as CertificateBody;
  if (body.organizationId !== organizationId || body.level !== level) {
    throw new BadUserInputError(text('certificateMismatch'), 'certificate');
  }
  if (now - body.issuedAt > rules.certificateTtlMinutes * 60_000) {
    throw new BadUserInputError(text('certificateExpired'), 'certificate');
  }
  return body;
}

/** What `Organization.modelHomeEligibility` resolves to: the evaluation and whose it is. */
export interface EligibilityResult extends Eligibility {
  organizationId: string;
}
