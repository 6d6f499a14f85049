import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

// In development the API and sync endpoint come from `npm run dev:server` on port 8080.
const backend = "http://127.0.0.1:8080";

export default defineConfig({
  plugins: [react()],
  build: { outDir: "dist", emptyOutDir: true, sourcemap: true },
  server: {
    proxy: {
      "/api": backend,
      "/healthz": backend,
      "/sync": { target: backend.replace("http", "ws"), ws: true },
    },
  },
});
