/**
 * The shapes GraphQL types without a collection of their own resolve from (codegen's mappers).
 * They import nothing, so the generated resolver types depend on no domain logic.
 */

/** What FundsAuditStatus resolves from. */
export interface AuditStatus {
  organizationId: string;
  termYears: number;
}

/** What AllocationCompliance resolves from: one receiving union's payroll allocations. */
export interface AllocationRow {
  organizationId: string;
  due: number;
  received: number;
  shortfall: number;
}
