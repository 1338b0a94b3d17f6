import { fileURLToPath } from 'node:url';
import { rendererConfig } from '@seggio/shell/vite';

// The office staff's interface, served by the office service on 127.0.0.1, which sets its own policy.
// Two pages: the staff's screen, and the preview of a ballot drawn by the booth's own components.
const config = rendererConfig({ csp: false });
config.build.rollupOptions = {
  input: { index: fileURLToPath(new URL('src/renderer/index.html', import.meta.url)), anteprima: fileURLToPath(new URL('src/renderer/anteprima.html', import.meta.url)) },
};
export default config;
