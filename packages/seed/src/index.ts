export * from './ids';
export * from './load';
export { seedText } from './messages';
export * from './plan';
export * from './plan-types';
export * from './progress';
