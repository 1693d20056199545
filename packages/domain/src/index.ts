export * from './credit-code';
export * from './divisions';
export * from './industry';
export * from './phone';
export * from './resident-id';
export * from './union-types';
