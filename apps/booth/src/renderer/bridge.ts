// The booth page's window.seggio, derived from the booth's contract (@seggio/shell/browser).
import { pageBridge } from '@seggio/shell/browser';
import { BOOTH_CONTRACT } from '../shared/bridge.js';

export const bridge = pageBridge(BOOTH_CONTRACT);
