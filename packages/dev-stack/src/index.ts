export * from './ferretdb';
export * from './paths';
export * from './processes';
export * from './redis-server';
export * from './stack';
