export * from './templates.js';
export * from './render.js';
export * from './mail-outbox.schema.js';
export * from './smtp-transport.js';
export * from './relay.js';
export * from './mailer.js';
