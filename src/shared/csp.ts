/**
 * The wizard's Content-Security-Policy: one policy for the desktop window and for `wizard --web`.
 * Nothing remote, no inline code, no plugins, no framing. The web host sends it as a header; the
 * page carries it in a <meta> tag (written in by build/bundle.mjs), where `frame-ancestors` is
 * ignored, so the meta form leaves it out.
 */
export const WIZARD_CSP_DIRECTIVES = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "font-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
  "object-src 'none'",
] as const;

export const WIZARD_CSP = WIZARD_CSP_DIRECTIVES.join('; ');

/** The policy as a <meta http-equiv> may carry it. */
export const WIZARD_CSP_META = WIZARD_CSP_DIRECTIVES.filter((d) => !d.startsWith('frame-ancestors')).join('; ');
