export * from './generated.js';
export * from './paths.js';
export * from './rights.js';
export type { TopicSpec } from './topic-spec.js';
export * from './data-map.js';
export * from './subprocessors.js';
export * from './register.js';
