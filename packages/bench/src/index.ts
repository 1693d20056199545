export * from './peer/queries';
export * from './peer/report';
export * from './peer/scenario';
export * from './report';
export * from './run';
export * from './statistics';
