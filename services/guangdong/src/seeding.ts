/**
 * The entry point packages/seed builds Guangdong's demo data from: the models, and the pure document
 * builders the subgraph's own mutations use, so seeded data is what the subgraph would write.
 */
export { honorHolderKey } from './domain/honors';
export * from './models';
