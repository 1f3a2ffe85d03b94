// The console's build (console/dist, served by the API at /) and its dev server (`npm run
// dev:console`), which proxies the API's paths to API_URL (default http://127.0.0.1:3000).
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
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
    buildEnd(error) {
      // After another failure the file may never have been reached: let that error speak.
      if (!error && !seen)
        this.error('@rc-component/util/es/Dom/dynamicCSS.js was not bundled: review the CSP nonce patch');
    },
  };
}

/**
 * React Router 7's package.json exports only its development build (with its dev warnings);
 * the production build beside it is what a production bundle should carry (remix-run/react-router
 * #12532, #14753). Resolved from the installed package, so an upgrade that moves it fails the build.
 */
function reactRouterProductionBuild(): Plugin {
  const development = createRequire(import.meta.url).resolve('react-router');
  const production = development.replace(/dist([\\/])development\1index\.m?js$/, 'dist$1production$1index.mjs');
  return {
    name: 'react-router-production-build',
    enforce: 'pre',
    apply: 'build',
    buildStart() {
      if (production === development || !existsSync(production)) {
        this.error(`react-router's production build is not at ${production}: review vite.config.mts`);
      }
    },
    resolveId(source) {
      return source === 'react-router' ? production : null;
    },
  };
}

/**
 * The chunks the first page loads (`$initial`: what index.html's script imports statically) get
 * stable names by library, so a release that changes one page leaves the others cached. Only the
 * initial modules are grouped: a library's parts that only lazy pages use (antd's Table, DatePicker,
 * Upload ...) stay in those pages' chunks instead of joining the first load.
 */
const initialVendorChunks: Array<[name: string, test: RegExp]> = [
  ['react', /node_modules[\\/](react|react-dom|scheduler)[\\/]/],
  ['router', /node_modules[\\/]react-router[\\/]/],
  ['i18n', /node_modules[\\/](i18next|react-i18next)[\\/]/],
  ['query', /node_modules[\\/](@tanstack|openapi-fetch|openapi-react-query)[\\/]/],
  ['icons', /node_modules[\\/]@ant-design[\\/]icons(-svg)?[\\/]/],
  ['dayjs', /node_modules[\\/]dayjs[\\/]/],
  [
    'antd',
    /node_modules[\\/](antd|@ant-design|@rc-component|@babel[\\/]runtime|stylis|@emotion|compute-scroll-into-view|clsx|throttle-debounce|json2mq|string-convert)[\\/]/,
  ],
];

export default defineConfig({
  root: import.meta.dirname,
  plugins: [react(), styleNonceForRcUtil(), reactRouterProductionBuild()],
  // The server replaces the placeholder with a fresh nonce per page (api/plugins/console.ts); Vite
  // puts it on its tags and in <meta property="csp-nonce">, where antd's style tags find it.
  html: { cspNonce: '__CSP_NONCE__' },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // Everything the page loads is under /assets/, named by content hash, cached for a year.
    assetsDir: 'assets',
    chunkSizeWarningLimit: 1500,
    // dist/.vite/manifest.json: which chunks index.html loads and what each imports, read by
    // tools/console/bundleReport.ts (`npm run console:size`) to measure the initial JavaScript.
    manifest: true,
    rolldownOptions: {
      output: {
        codeSplitting: {
          groups: initialVendorChunks.map(([name, test], i) => ({
            name,
            test,
            tags: ['$initial' as const],
            priority: initialVendorChunks.length - i,
          })),
        },
      },
    },
  },
  server: { proxy: Object.fromEntries(proxied.map((p) => [p, { target: api, changeOrigin: false }])) },
});
