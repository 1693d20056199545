/**
 * The entry point packages/seed builds the registry's demo data from: the models, and the pure document
 * builders the subgraph's own mutations use, so seeded data is what the subgraph would write.
 */
export { cardNumber } from './domain/cards';
export { registryCountsOf } from './domain/registry-counts';
export { stepId as transferStepId, transferStatus } from './domain/transfers';
export * from './models';
