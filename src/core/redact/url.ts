/**
 * URLs carry secrets in two places: the userinfo (`https://user:password@host`, proxy URLs above
 * all) and the query or fragment (`?api_key=…`, `#access_token=…`, signed URLs). Both are redacted
 * by structure, wherever a URL appears, so no list of "known spots" has to be kept up to date.
 */

/** Query and fragment parameter names whose values are secrets (matched on the whole name, any case). */
const SENSITIVE_PARAM =
  /^(?:.*(?:token|secret|passw(?:or)?d|api[_-]?key|apikey|credential|signature|auth)|key|pass|pwd|sig|code|session|sid|jwt|x-amz-(?:credential|signature|security-token))$/i;

export function isSensitiveParam(name: string): boolean {
  let decoded = name;
  try {
    decoded = decodeURIComponent(name);
  } catch {
    // keep the raw name
  }
  return SENSITIVE_PARAM.test(decoded);
}

const MASK = '***';

/** `a=1&api_key=x` → `a=1&api_key=***`: the names stay readable, sensitive values go. */
function maskParams(params: string): string {
  return params
    .split('&')
    .map((pair) => {
      const eq = pair.indexOf('=');
      if (eq < 0) return pair;
      return isSensitiveParam(pair.slice(0, eq)) && eq < pair.length - 1 ? `${pair.slice(0, eq + 1)}${MASK}` : pair;
    })
    .join('&');
}

/** Everything between the scheme (or the start) and the last "@" goes: the crude, safe fallback. */
function maskUserinfo(raw: string): string {
  const schemeEnd = raw.indexOf('://');
  const start = schemeEnd >= 0 ? schemeEnd + 3 : 0;
  const at = raw.lastIndexOf('@');
  return at < start ? raw : `${raw.slice(0, start)}${MASK}@${raw.slice(at + 1)}`;
}

/** Masks the sensitive parameters of the query and the fragment of a URL-shaped string, textually. */
function maskQueryAndFragment(raw: string): string {
  const hash = raw.indexOf('#');
  const beforeHash = hash >= 0 ? raw.slice(0, hash) : raw;
  const fragment = hash >= 0 ? raw.slice(hash + 1) : null;
  const question = beforeHash.indexOf('?');
  const head = question >= 0 ? beforeHash.slice(0, question) : beforeHash;
  const query = question >= 0 ? `?${maskParams(beforeHash.slice(question + 1))}` : '';
  return `${head}${query}${fragment === null ? '' : `#${maskParams(fragment)}`}`;
}

/**
 * Removes user:password from a URL (proxy URLs often carry them), with or without a scheme
 * (`user:pw@proxy:3128` is how many people write HTTPS_PROXY), and masks the values of sensitive
 * query and fragment parameters. What cannot be parsed is masked up to its last "@".
 */
export function stripUrlCredentials(raw: string): string {
  const hasScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(raw);
  let url: URL;
  try {
    url = new URL(hasScheme ? raw : `http://${raw}`);
  } catch {
    return maskQueryAndFragment(maskUserinfo(raw));
  }
  if (url.username || url.password) {
    url.username = url.username ? MASK : '';
    url.password = url.password ? MASK : '';
  } else if (!hasScheme && raw.includes('@')) {
    return maskQueryAndFragment(maskUserinfo(raw));
  }
  const text = maskQueryAndFragment(url.toString());
  return hasScheme ? text : text.replace(/^http:\/\//, '');
}

/** A URL with a scheme inside free text; it ends at white space, a quote or an angle bracket. */
const URL_IN_TEXT = /\b[a-z][a-z0-9+.-]*:\/\/[^\s"'<>`]+/gi;
/** `user:password@host` without a scheme (how proxies are often written). */
const BARE_USERINFO = /(^|[\s"'=(,])([^\s"'=(,:/@]+):([^\s"'@/]+)@(?=[A-Za-z0-9[])/g;
/** `?api_key=…` / `&token=…` outside a full URL (a path with a query, a logged request line). */
const LOOSE_PARAM = /([?&#;])([A-Za-z0-9_.-]+)=([^&#\s"'<>`]+)/g;

/**
 * Every URL in a text, redacted by structure: userinfo masked, sensitive parameter values masked.
 * Only the secret parts change; the rest of the text and of each URL stays as it was.
 */
export function redactUrlsInText(text: string): string {
  let out = text.replace(URL_IN_TEXT, (url) => {
    const userinfo = /^([a-z][a-z0-9+.-]*:\/\/)([^/?#]*)@/i.exec(url);
    const shape = userinfo?.[2]?.includes(':') ? `${MASK}:${MASK}` : MASK;
    const masked = userinfo ? `${userinfo[1] ?? ''}${shape}@${url.slice(userinfo[0].length)}` : url;
    return maskQueryAndFragment(masked);
  });
  out = out.replace(BARE_USERINFO, (match, lead: string, user: string, password: string) =>
    user === MASK && password === MASK ? match : `${lead}${MASK}:${MASK}@`,
  );
  out = out.replace(LOOSE_PARAM, (match, sep: string, name: string, value: string) =>
    isSensitiveParam(name) && value !== MASK ? `${sep}${name}=${MASK}` : match,
  );
  return out;
}
