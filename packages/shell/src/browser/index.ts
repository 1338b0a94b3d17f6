// @seggio/shell/browser: the page's side of the shells (docs/design.md §1).
export { ServiceLost, webBridge, type ConnectionState } from './bridge.js';
export { keepChoice, keptChoice } from '../common/kept.js';
export { pageBridge, type PageBridge } from './page.js';
