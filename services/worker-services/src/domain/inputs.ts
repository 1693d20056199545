/**
 * What a mutation's input carries for a new record of type D: its own fields (not the id, the
 * timestamps or the fields in K the subgraph fills in), with dates as clients send them.
 */
export type NewRecord<D, K extends keyof D = never> = {
  [P in keyof Omit<D, '_id' | 'createdAt' | K>]: Omit<D, '_id' | 'createdAt' | K>[P] extends Date
    ? Date | string
    : Omit<D, '_id' | 'createdAt' | K>[P];
};
