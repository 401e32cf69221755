/**
 * The one Content Security Policy (Electron security checklist item 7, "Define a Content Security
 * Policy"). It reaches the page twice: as a header on every app:// response (app-protocol.ts), and as
 * a <meta> that the renderer build writes into index.html (electron.vite.config.ts), which covers a
 * page served without the header. The header is the one that matters in the app: a meta tag cannot
 * carry frame-ancestors, and the header also covers responses that are not HTML.
 *
 * No 'unsafe-inline' or 'unsafe-eval' anywhere: the built renderer has no inline script or style. The
 * dev server's page does (Vite's injected <style> tags, React Refresh's inline preamble), so the meta
 * is written only at build time and `electron-vite dev` runs without a CSP. There is no font-src, so
 * webfonts are refused; add `font-src 'self'` here if the UI ever ships one.
 */
const DIRECTIVES = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
] as const;

/** The policy sent as a header. */
export const CONTENT_SECURITY_POLICY = DIRECTIVES.join('; ');

/**
 * Directives that a policy in <meta> must not contain (the HTML standard, on
 * meta http-equiv="content-security-policy"); browsers ignore them there with a console warning. The
 * header carries them.
 */
const HEADER_ONLY = new Set(['frame-ancestors', 'report-uri', 'sandbox']);

/** The same policy for <meta http-equiv="Content-Security-Policy">: everything but the header-only directives. */
export const META_CONTENT_SECURITY_POLICY = DIRECTIVES.filter((directive) => !HEADER_ONLY.has(directive.split(' ')[0] ?? '')).join('; ');

/** Headers on every response from the app:// handler, errors included. */
export const RENDERER_RESPONSE_HEADERS: Readonly<Record<string, string>> = Object.freeze({
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  // A wrong type must fail rather than be sniffed into something executable.
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  // Nothing else may embed or read these resources, nor share a browsing context group with the page.
  'Cross-Origin-Resource-Policy': 'same-origin',
  'Cross-Origin-Opener-Policy': 'same-origin',
});
