export * from './caller';
export * from './hop';
export * from './jwt';
export * from './roles';
