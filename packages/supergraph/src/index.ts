export * from './check';
export * from './compose';
export * from './subgraphs';
