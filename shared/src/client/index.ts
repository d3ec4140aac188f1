export * from './showClient.js';
export * from './session.js';
export { apiPath } from './apiPath.js';
