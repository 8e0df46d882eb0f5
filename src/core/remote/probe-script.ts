/**
 * What runs on the host, over `ssh host sh -s` (the script on stdin, so the host's login shell,
 * bash, zsh, fish or csh, only sees the words `sh -s`). One round trip answers all three ways: the
 * installed doctor's `check --json` (when there is one), where `node` is and its version (for
 * streaming the bundled doctor next), and a minimal POSIX-shell probe of Claude Code's login.
 *
 * The shell probe prints only what cannot be a secret: digits (times, counts, a file mode), the
 * OS name, `claude --version` and claude's path. The credentials are read into a shell variable on
 * the host and only ever go through `sed`/`grep` that print digits or counts. The laptop parses each
 * value against a strict shape and drops anything else.
 *
 * Protocol 1: lines `cad-remote 1`, then `cad-installed <exit>` … `cad-installed-end`, `cad-node
 * <version> <path>`, `cad-shell <key>=<value>` lines, and `cad-done`. A newer laptop adds keys;
 * an older one ignores keys it does not know.
 */
export const REMOTE_PROTOCOL = 1;

/** The script for a check with `timeoutMs` for the host's own doctor. */
export function probeScript(timeoutMs: number): string {
  const budget = Math.max(1000, Math.floor(timeoutMs));
  return `PATH="$PATH:$HOME/.local/bin:$HOME/bin:$HOME/.npm-global/bin:/usr/local/bin:/opt/homebrew/bin"
export PATH
LC_ALL=C
export LC_ALL
echo 'cad-remote ${REMOTE_PROTOCOL}'
if command -v claude-auth-doctor >/dev/null 2>&1; then
  out=$(claude-auth-doctor check --json --timeout ${budget} </dev/null 2>/dev/null)
  echo "cad-installed $?"
  printf '%s\\n' "$out"
  echo 'cad-installed-end'
fi
n=$(command -v node 2>/dev/null)
if [ -n "$n" ]; then
  echo "cad-node $("$n" -p 'process.versions.node' </dev/null 2>/dev/null) $n"
fi
s() { echo "cad-shell $1=$2"; }
num() { sed -n "s/.*\\"$1\\"[[:space:]]*:[[:space:]]*\\([0-9][0-9]*\\).*/\\1/p" | head -n 1; }
has() { grep -c "\\"$1\\"[[:space:]]*:[[:space:]]*\\"[^\\"]"; }
os=$(uname -s 2>/dev/null)
s os "$os"
c=$(command -v claude 2>/dev/null)
if [ -n "$c" ]; then
  s claude_path "$c"
  s claude_version "$("$c" --version </dev/null 2>/dev/null | head -n 1)"
fi
d="\${CLAUDE_CONFIG_DIR:-$HOME/.claude}"
f="$d/.credentials.json"
creds=''
if [ "$os" = Darwin ]; then
  security show-keychain-info </dev/null >/dev/null 2>&1
  s keychain_exit $?
  security find-generic-password -s 'Claude Code-credentials' </dev/null >/dev/null 2>&1
  k=$?
  s keychain_item_exit $k
  if [ $k -eq 0 ]; then
    creds=$(security find-generic-password -s 'Claude Code-credentials' -w </dev/null 2>/dev/null)
    s store keychain
  fi
fi
if [ -z "$creds" ] && [ -f "$f" ]; then
  s store file
  s file_mode "$(stat -c %a "$f" 2>/dev/null || stat -f %Lp "$f" 2>/dev/null)"
  creds=$(cat "$f" 2>/dev/null)
  [ -n "$creds" ] || s file_unreadable 1
fi
if [ -n "$creds" ]; then
  o=$(printf '%s' "$creds" | tr -d '\\r\\n' | sed -n 's/.*"claudeAiOauth"[[:space:]]*:[[:space:]]*{\\([^}]*\\)}.*/\\1/p')
  s oauth_present "$(printf '%s' "$o" | grep -c .)"
  s access_token "$(printf '%s' "$o" | has accessToken)"
  s refresh_token "$(printf '%s' "$o" | has refreshToken)"
  s expires_at "$(printf '%s' "$o" | num expiresAt)"
  s refresh_expires_at "$(printf '%s' "$o" | num refreshTokenExpiresAt)"
  s inference_scope "$(printf '%s' "$o" | grep -c 'user:inference')"
  s login_ended "$(printf '%s' "$creds" | tr -d '\\r\\n' | grep -c '"loginEnded"[[:space:]]*:[[:space:]]*"time_limit"')"
fi
creds=''
o=''
echo 'cad-done'
`;
}

/** What the shell probe may report, each with the only shape it is accepted in. */
const SHELL_KEYS: Readonly<Record<string, RegExp>> = {
  os: /^[A-Za-z0-9_-]{1,40}$/,
  claude_path: /^\/[^\s]{1,300}$/,
  claude_version: /^[0-9A-Za-z .()_+-]{1,80}$/,
  keychain_exit: /^\d{1,3}$/,
  keychain_item_exit: /^\d{1,3}$/,
  store: /^(?:keychain|file)$/,
  file_mode: /^[0-7]{3,4}$/,
  file_unreadable: /^1$/,
  oauth_present: /^\d{1,3}$/,
  access_token: /^\d{1,3}$/,
  refresh_token: /^\d{1,3}$/,
  expires_at: /^\d{1,16}$/,
  refresh_expires_at: /^\d{1,16}$/,
  inference_scope: /^\d{1,3}$/,
  login_ended: /^\d{1,3}$/,
};

export type ShellFacts = Readonly<Record<string, string>>;

export interface ProbeAnswer {
  readonly protocol: number | null;
  /** The installed doctor's exit code and stdout; null when none is installed. */
  readonly installed: { readonly exit: number; readonly text: string } | null;
  readonly node: { readonly version: string; readonly path: string } | null;
  readonly shell: ShellFacts;
  /** The script ran to its end. */
  readonly complete: boolean;
}

/** Reads the framed answer; anything outside the frame or not in its shape is dropped. */
export function parseProbeAnswer(stdout: string): ProbeAnswer {
  const lines = stdout.split('\n');
  let protocol: number | null = null;
  let installed: ProbeAnswer['installed'] = null;
  let node: ProbeAnswer['node'] = null;
  let complete = false;
  const shell: Record<string, string> = {};
  for (let i = 0; i < lines.length; i++) {
    const line = (lines[i] ?? '').replace(/\r$/, '');
    let match: RegExpExecArray | null;
    if ((match = /^cad-remote (\d+)$/.exec(line))) protocol = Number(match[1]);
    else if ((match = /^cad-installed (\d+)$/.exec(line))) {
      const end = lines.indexOf('cad-installed-end', i + 1);
      if (end < 0) break;
      installed = { exit: Number(match[1]), text: lines.slice(i + 1, end).join('\n') };
      i = end;
    } else if ((match = /^cad-node v?(\d+\.\d+\.\d+) (\/[^\s]{1,300})$/.exec(line)))
      node = { version: match[1] ?? '', path: match[2] ?? '' };
    else if ((match = /^cad-shell ([a-z_]+)=(.*)$/.exec(line))) {
      const [, key = '', value = ''] = match;
      if (SHELL_KEYS[key]?.test(value)) shell[key] = value;
    } else if (line === 'cad-done') complete = true;
  }
  return { protocol, installed, node, shell, complete };
}

/** Node on the host can run the bundled doctor (package.json's engines: ≥ 20.18.1). */
export function nodeCanRunBundle(version: string): boolean {
  const [major = 0, minor = 0, patch = 0] = version.split('.').map(Number);
  return major > 20 || (major === 20 && (minor > 18 || (minor === 18 && patch >= 1)));
}
