import type { ChangeEvent } from '@union-graph/subgraph-kit';

/** What the check query read of an event's entity: its status and where it sits in the tree. */
export interface CheckedEntity {
  stage?: string;
  status?: string;
  organization?: { id: string; ancestors: { id: string }[] };
}

/**
 * How the gateway serves one `Subscription` field from a subgraph's change stream. An event
 * concerns a subscription when its type matches, the event alone does not rule it out, and the
 * check query — run as the subscriber, so only what they may see passes — says the entity is in
 * the subscribed union's subtree and at the moment the field announces. The subscriber's selection
 * is then answered by `query`, the `Query` field reading one such entity by id.
 */
export interface SubscriptionField {
  /** The subgraph whose change stream feeds the field. */
  stream: string;
  /** The change event type (the GraphQL type that changed). */
  type: string;
  /** The field's one argument naming what is subscribed to (a union's id). */
  rootArg: string;
  query: string;
  concerns?(event: ChangeEvent, root: string): boolean;
  check?: { selection: string; passes(entity: CheckedEntity, root: string): boolean };
}

/** The union `root` or one below it (the entity's union, with its ancestors, as read by the check). */
const inSubtree = (entity: CheckedEntity, root: string) =>
  entity.organization?.id === root || !!entity.organization?.ancestors.some((a) => a.id === root);

const PLACE = 'organization { id ancestors { id } }';

export const SUBSCRIPTION_FIELDS: Record<string, SubscriptionField> = {
  organizationChanged: {
    stream: 'organizations',
    type: 'Organization',
    rootArg: 'id',
    query: 'organization',
    concerns: (e, root) => e.id === root,
  },
  // §17: an alert is raised at stage WARNED; every later step moves it on, so an event of an alert
  // still WARNED is its raising.
  laborAlertRaised: {
    stream: 'worker-services',
    type: 'LaborAlert',
    rootArg: 'organizationId',
    query: 'laborAlert',
    check: { selection: `stage ${PLACE}`, passes: (a, root) => a.stage === 'WARNED' && inSubtree(a, root) },
  },
  // R8: the moment a dispute is reported to the upper union (only the REPORT step leads there).
  collectiveDisputeReported: {
    stream: 'worker-services',
    type: 'CollectiveDispute',
    rootArg: 'organizationId',
    query: 'collectiveDispute',
    check: {
      selection: `status ${PLACE}`,
      passes: (d, root) => d.status === 'REPORTED' && inSubtree(d, root),
    },
  },
  // R12: a transfer waits for the receiving union's acceptance while OPEN; the event names that union.
  transferAwaitingAcceptance: {
    stream: 'members',
    type: 'MemberTransfer',
    rootArg: 'organizationId',
    query: 'memberTransfer',
    concerns: (e, root) => {
      const data = e.data as { toOrganizationId?: string; closed?: boolean } | undefined;
      return data?.toOrganizationId === root && !data.closed;
    },
    check: { selection: 'status', passes: (t) => t.status === 'OPEN' },
  },
};

/** The streams subscriptions read. */
export const SUBSCRIPTION_STREAMS = [...new Set(Object.values(SUBSCRIPTION_FIELDS).map((f) => f.stream))];
