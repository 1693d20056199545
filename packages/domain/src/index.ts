export * from './credit-code';
export * from './divisions';
export * from './resident-id';
