/**
 * The entry point packages/seed builds funds' demo data from: the models, and the pure document
 * builders the subgraph's own mutations use, so seeded data is what the subgraph would write.
 */
export { type PayrollReceipt, payrollAllocationDraft } from './domain/allocation';
export { type DuesPayment, duesDraft, duesPaymentEvent } from './domain/dues';
export { type PostingDraft, postingDocument } from './domain/ledger';
export { openingBalancePosting } from './domain/opening';
export { type CadrePayment, cadrePaymentDraft } from './domain/rights-payments';
export * from './models';
export { DEFAULT_FUND_RULES, type FundRules } from './rules';
