export * from './check';
export * from './generate';
export * from './registry';
