export * from './disclosure';
export * from './engine';
export * from './export';
export * from './regions';
export * from './suppression';
