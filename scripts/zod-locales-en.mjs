// Stands in for zod/v4/locales/index.js in the Node bundles (scripts/build-node.mjs): English only.
export { default as en } from 'zod/v4/locales/en.js';
