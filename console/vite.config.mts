// The console's build (console/dist, served by the API at /) and its dev server (`npm run
// dev:console`), which proxies the API's paths to API_URL (default http://127.0.0.1:3000).
import react from '@vitejs/plugin-react';
import { type Plugin, defineConfig } from 'vite';

const api = process.env.API_URL ?? 'http://127.0.0.1:3000';
const proxied = ['/v1', '/auth', '/docs', '/healthz', '/readyz'];

/**
 * antd's helpers (@rc-component/util's injectCSS: the scrollbar measure of tables, the scroll lock
 * of modals) write <style> tags with a nonce only when handed one, and some callers hand none; the
 * CSP would block those. They take the page's nonce from <meta property="csp-nonce"> instead. The
 * build fails if the code changed, so an upgrade cannot silently drop this.
 */
function styleNonceForRcUtil(): Plugin {
  const original = 'if (csp?.nonce) {\n    styleNode.nonce = csp?.nonce;\n  }';
  const patched =
    'const pageNonce = csp?.nonce ?? document.querySelector(\'meta[property="csp-nonce"]\')?.nonce;\n' +
    '  if (pageNonce) {\n    styleNode.nonce = pageNonce;\n  }';
  let seen = false;
  return {
    name: 'style-nonce-for-rc-util',
    enforce: 'pre',
    apply: 'build',
    transform(code, id) {
      if (!/@rc-component[\\/]util[\\/]es[\\/]Dom[\\/]dynamicCSS\.js$/.test(id)) return null;
      seen = true;
      if (!code.includes(original)) throw new Error(`${id} changed: review the CSP nonce patch in vite.config.mts`);
      return code.replace(original, patched);
    },
    buildEnd() {
      if (!seen) this.error('@rc-component/util/es/Dom/dynamicCSS.js was not bundled: review the CSP nonce patch');
    },
  };
}

export default defineConfig({
  root: import.meta.dirname,
  plugins: [react(), styleNonceForRcUtil()],
  // The server replaces the placeholder with a fresh nonce per page (api/plugins/console.ts); Vite
  // puts it on its tags and in <meta property="csp-nonce">, where antd's style tags find it.
  html: { cspNonce: '__CSP_NONCE__' },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // Everything the page loads is under /assets/, named by content hash, cached for a year.
    assetsDir: 'assets',
    chunkSizeWarningLimit: 1500,
  },
  server: { proxy: Object.fromEntries(proxied.map((p) => [p, { target: api, changeOrigin: false }])) },
});
