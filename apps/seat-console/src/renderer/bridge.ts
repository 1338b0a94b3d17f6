// The console page's window.seggio, derived from the console's contract (@seggio/shell/browser): an
// action its service could not be asked is refused like any other, with the code service-lost, so that
// no button ever does nothing without a word.
import { pageBridge } from '@seggio/shell/browser';
import { CONSOLE_CONTRACT } from '../shared/bridge.js';
import { refusal } from '../shared/refusals.js';

export const bridge = pageBridge(CONSOLE_CONTRACT, refusal('service-lost'));
