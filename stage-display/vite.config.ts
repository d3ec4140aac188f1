import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// In production the control-server serves this build at /display/; `vite dev` forwards to one on :8080.
export default defineConfig({
  base: '/display/',
  plugins: [react()],
  build: { outDir: 'dist', emptyOutDir: true },
  server: {
    proxy: {
      '/api': 'http://127.0.0.1:8080',
      '/media': 'http://127.0.0.1:8080',
      '/socket.io': { target: 'http://127.0.0.1:8080', ws: true },
    },
  },
});
