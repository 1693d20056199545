import { type Connection, Schema } from 'mongoose';

/**
 * A withdrawal the R16 sweep proposed: `_id` = member + the day the member was last seen (joined,
 * paid dues or took part), so every rerun over the same silence proposes nothing new, while a
 * member who pays and later falls silent again is proposed afresh.
 */
export interface WithdrawalProposalDoc {
  _id: string;
  memberId: string;
  /** The member's union when proposed: the sweep's status counts proposals over a subtree by it. */
  organizationId: string;
  /** The last day the member joined, paid dues or took part. */
  inactiveSince: Date;
  proposedAt: Date;
  /** The sweep run (its period claim, see the kit's jobs.ts) that proposed it. */
  runId: string;
}

const proposalSchema = new Schema<WithdrawalProposalDoc>(
  {
    _id: { type: String, required: true },
    memberId: { type: String, required: true, index: true },
    organizationId: { type: String, required: true },
    inactiveSince: { type: Date, required: true },
    proposedAt: { type: Date, required: true },
    runId: { type: String, required: true, index: true },
  },
  { collection: 'withdrawal_proposals', versionKey: false },
);

export function withdrawalProposalModel(conn: Connection) {
  return conn.model<WithdrawalProposalDoc>('WithdrawalProposal', proposalSchema);
}
