export * from './engine';
export * from './suppression';
