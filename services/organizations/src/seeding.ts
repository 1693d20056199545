/**
 * The entry point packages/seed builds the union tree's demo data from: the models, and the pure document
 * builders the subgraph's own mutations use, so seeded data is what the subgraph would write.
 */

/** R18's committee sizes and R14's threshold, so seeded committees are what the subgraph would accept. */
export { seatRange, WOMEN_COMMITTEE_FROM } from './domain/committees';
/** Issue #19: what a union's directory entry says of its host units. */
export { sharedFacts } from './domain/unit-facts';
export * from './models';
