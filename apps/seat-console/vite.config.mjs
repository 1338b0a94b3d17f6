import react from '@vitejs/plugin-react';
import { defaultClientConditions, defineConfig } from 'vite';

// The console's renderer: loaded by the web shell over http://127.0.0.1 and by Electron under a custom
// protocol, hence relative asset paths.
export default defineConfig({
  root: 'src/renderer',
  base: './',
  plugins: [react()],
  resolve: { conditions: ['source', ...defaultClientConditions] },
  build: { outDir: '../../dist/renderer', emptyOutDir: true, target: 'es2022', chunkSizeWarningLimit: 600 },
});
