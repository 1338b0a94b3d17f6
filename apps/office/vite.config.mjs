import react from '@vitejs/plugin-react';
import { defaultClientConditions, defineConfig } from 'vite';

// The office staff's interface, served by the office service on 127.0.0.1.
export default defineConfig({
  root: 'src/renderer',
  base: './',
  plugins: [react()],
  resolve: { conditions: ['source', ...defaultClientConditions] },
  build: { outDir: '../../dist/renderer', emptyOutDir: true, target: 'es2022', chunkSizeWarningLimit: 600 },
});
