export * from './showClient.js';
export * from './session.js';
