// The content security policies of Seggio's pages, one place for both apps and both shells (docs/threat-model.md
// R23): nothing but the page's own origin, no inline script, no plugin, no frame, no form.

const BASE = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'";

/** In Electron, under the app's protocol: the page talks to its service over IPC, so it may connect nowhere. */
export const ELECTRON_CSP = `${BASE}; connect-src 'none'; frame-ancestors 'none'; form-action 'none'`;

/** Served by the web shell on 127.0.0.1: the page reaches its service over the shell's WebSocket. */
export const WEB_SHELL_CSP = `${BASE}; connect-src 'self' ws://127.0.0.1:*; frame-ancestors 'none'; form-action 'none'`;

/**
 * The same policy in the page itself (index.html's meta tag, written by the shared vite config), for
 * either shell: a meta policy cannot say frame-ancestors, and the served header says it.
 */
export const PAGE_CSP = `${BASE}; connect-src 'self' ws://127.0.0.1:*; form-action 'none'`;
