export * from './ids';
export * from './load';
export * from './plan';
export * from './plan-types';
export * from './progress';
