/** esbuild bundles the page's stylesheet from its import in main.tsx. */
declare module '*.css';
