export * from './ferretdb';
export * from './paths';
export * from './postgres-server';
export * from './processes';
export * from './redis-server';
export * from './stack';
