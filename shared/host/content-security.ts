/**
 * The Content-Security-Policy of the workbench: one policy for every response, the same in
 * Electron (app:// protocol) and in the local web server, pages, scripts, worker scripts and
 * error responses alike. No eval anywhere: nothing shipped compiles code at run time (Arquero,
 * which would need 'unsafe-eval', is not used by the app or its workers; Vega charts run through
 * vega-interpreter). `worker-src` allows blob: for the XLSX writer's compression worker (fflate),
 * which inherits this same policy.
 */

/** The policy sent with every response. */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "connect-src 'self'",
  "worker-src 'self' blob:",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');
