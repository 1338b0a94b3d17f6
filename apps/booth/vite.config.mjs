import { rendererConfig } from '@seggio/shell/vite';

// The booth's renderer, built as both apps' are (packages/shell/vite.mjs).
export default rendererConfig();
