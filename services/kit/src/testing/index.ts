export * from './infra.js';
export * from './graphql.js';
export * from './observer.js';
export * from './service.js';
export * from './tenant.js';
export * from './mailpit.js';
export * from './proof-keys.js';
