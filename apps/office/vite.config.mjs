import { rendererConfig } from '@seggio/shell/vite';

// The office staff's interface, served by the office service on 127.0.0.1, which sets its own policy.
export default rendererConfig({ csp: false });
