export * from './credit-code';
export * from './divisions';
export * from './phone';
export * from './resident-id';
