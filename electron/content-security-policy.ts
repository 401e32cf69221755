/**
 * The policy sent with every app:// response (Electron security checklist item 7, "Define a Content
 * Security Policy"). A header rather than only the <meta> in renderer/index.html because a meta tag
 * cannot carry frame-ancestors, and because the header also covers responses that are not HTML.
 *
 * No 'unsafe-inline' or 'unsafe-eval' anywhere: the renderer has no inline script or style. There is
 * no font-src, so webfonts are refused; add `font-src 'self'` here if the UI ever ships one.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

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
