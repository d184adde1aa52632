/**
 * `wechat-customer-service/simulator`: a local WeChat for development and tests (DESIGN §9).
 */
export * from './api/index.js';
