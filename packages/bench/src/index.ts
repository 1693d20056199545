export * from './report';
export * from './run';
