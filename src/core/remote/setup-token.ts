import type { CommandRunner, FileSystem } from '../io/ports.js';
import { appendLines, checkSyntax, parseRc, type Dialect } from '../fixes/rc-files/index.js';

/**
 * `remote login <name> --setup-token`, for always-on servers: the long-lived token `claude
 * setup-token` printed on the laptop goes over the ssh channel's stdin (never an argv, never a file
 * on the laptop) into ~/.claude/oauth-token (0600) on the host; the host's shell start-up file gets
 * a line that reads it into CLAUDE_CODE_OAUTH_TOKEN (the token itself is never in an rc file);
 * ~/.claude.json gets `hasCompletedOnboarding` (without it the interactive UI ignores the token).
 *
 * Every change on the host is backed up there first (cp -p) and listed in
 * ~/.claude/.cad-setup-token-undo, so `--undo` puts back each file byte for byte and removes
 * what it created. The rc file never leaves the host (it may hold other secrets): the lines are
 * checked here with the rc-files parser and the shell's own syntax check, and the edited file is
 * checked again there with the host's shell before it replaces the original.
 */

/** What `claude setup-token` prints: an OAuth access token, inference only, one year. */
export const SETUP_TOKEN_SHAPE = /^sk-ant-oat01-[A-Za-z0-9_-]{20,400}$/;
export const TOKEN_FILE = '.claude/oauth-token';
const MARK = '# Added by claude-auth-doctor (remote login --setup-token)';
const UNDO_FILE = '"$HOME/.claude/.cad-setup-token-undo"';

/** The start-up lines for a dialect: read the token from its file, if it is there. */
export function wiringLines(dialect: Dialect): string[] {
  const file = `"$HOME/${TOKEN_FILE}"`;
  return dialect === 'fish'
    ? [MARK, `if test -r ${file}; set -gx CLAUDE_CODE_OAUTH_TOKEN (cat ${file}); end`]
    : [MARK, `if [ -r ${file} ]; then CLAUDE_CODE_OAUTH_TOKEN="$(cat ${file})"; export CLAUDE_CODE_OAUTH_TOKEN; fi`];
}

/** The lines for every dialect, each parsed whole and passed by that shell's syntax check here (when installed). */
export async function checkedWiring(deps: { readonly runner: CommandRunner; readonly fs: FileSystem }): Promise<Record<Dialect, string>> {
  const out = {} as Record<Dialect, string>;
  for (const dialect of ['sh', 'bash', 'zsh', 'fish'] as const) {
    const edit = appendLines(parseRc('', dialect), wiringLines(dialect));
    if (edit.kind !== 'edited') throw new Error(`the ${dialect} start-up lines cannot be built: ${edit.reason}`);
    const verdict = await checkSyntax(deps, dialect, edit.text);
    if (verdict.kind === 'error') throw new Error(`the ${dialect} start-up lines fail ${verdict.shell}'s syntax check: ${verdict.message}`);
    out[dialect] = edit.text;
  }
  return out;
}

/**
 * Writes stdin (the token) to ~/.claude/oauth-token 0600 through a temporary file and a rename,
 * backing up a previous one. One single-quoted word for the host's login shell (bash, zsh, fish
 * or csh alike); `stamp` is digits.
 */
export function tokenWriteCommand(stamp: string): string {
  if (!/^\d+$/.test(stamp)) throw new Error('stamp must be digits');
  const script = [
    'umask 077',
    'd="$HOME/.claude"',
    'mkdir -p "$d" || exit 3',
    `f="$HOME/${TOKEN_FILE}"`,
    `m=${UNDO_FILE}`,
    `if [ -f "$f" ]; then cp -p "$f" "$f.cad-backup-${stamp}" || exit 3; echo "${stamp} restore $f.cad-backup-${stamp} $f" >> "$m"; else echo "${stamp} remove $f" >> "$m"; fi`,
    'cat > "$f.cad-new" && chmod 600 "$f.cad-new" && mv -f "$f.cad-new" "$f" && echo cad-token-written',
  ].join('; ');
  return `sh -c '${script}'`;
}

/** Edits the host's start-up file and ~/.claude.json (script for `sh -s`; holds no secret). */
export function wiringScript(stamp: string, wiring: Readonly<Record<Dialect, string>>): string {
  const heredoc = (dialect: Dialect): string => `cat >> "$rc.cad-new" <<'CAD_EOF'\n${wiring[dialect]}CAD_EOF`;
  return `m=${UNDO_FILE}
s=${stamp}
case "$(basename "\${SHELL:-sh}")" in
  bash) rc="$HOME/.bashrc"; d=bash; check="bash -n" ;;
  zsh) rc="$HOME/.zshenv"; d=zsh; check="zsh -n" ;;
  fish) rc="$HOME/.config/fish/config.fish"; d=fish; check="fish --no-execute" ;;
  *) rc="$HOME/.profile"; d=sh; check="sh -n" ;;
esac
echo "cad-rc $rc"
if [ -f "$rc" ] && grep -q 'claude-auth-doctor (remote login --setup-token)' "$rc"; then
  echo cad-rc-already
else
  mkdir -p "$(dirname "$rc")"
  if [ -f "$rc" ]; then cp -p "$rc" "$rc.cad-new" && cp -p "$rc" "$rc.cad-backup-$s" || exit 3; else : > "$rc.cad-new"; fi
  case "$d" in
    bash) ${heredoc('bash')}
      ;;
    zsh) ${heredoc('zsh')}
      ;;
    fish) ${heredoc('fish')}
      ;;
    *) ${heredoc('sh')}
      ;;
  esac
  if command -v \${check%% *} >/dev/null 2>&1 && ! $check "$rc.cad-new" >/dev/null 2>&1; then
    rm -f "$rc.cad-new" "$rc.cad-backup-$s"; echo cad-rc-syntax-failed; exit 4
  fi
  mv -f "$rc.cad-new" "$rc" || exit 3
  if [ -f "$rc.cad-backup-$s" ]; then echo "$s restore $rc.cad-backup-$s $rc" >> "$m"; else echo "$s remove $rc" >> "$m"; fi
  echo cad-rc-written
fi
j="$HOME/.claude.json"
if [ -f "$j" ] && grep -q '"hasCompletedOnboarding"[[:space:]]*:[[:space:]]*true' "$j"; then
  echo cad-onboarding-already
elif [ ! -f "$j" ]; then
  (umask 077; printf '%s\\n' '{"hasCompletedOnboarding":true}' > "$j") && echo "$s remove $j" >> "$m" && echo cad-onboarding-written
elif command -v node >/dev/null 2>&1; then
  cp -p "$j" "$j.cad-backup-$s" && cp -p "$j" "$j.cad-new" && node -e 'const fs = require("fs"); const p = process.argv[1]; const o = JSON.parse(fs.readFileSync(p, "utf8")); o.hasCompletedOnboarding = true; fs.writeFileSync(p + ".cad-new", JSON.stringify(o, null, 2) + "\\n");' "$j" && mv -f "$j.cad-new" "$j" && echo "$s restore $j.cad-backup-$s $j" >> "$m" && echo cad-onboarding-written
elif [ "$(head -c 1 "$j")" = "{" ] && [ "$(head -c 2 "$j")" != "{}" ]; then
  cp -p "$j" "$j.cad-backup-$s" && cp -p "$j" "$j.cad-new" && sed '1s/^{/{"hasCompletedOnboarding":true,/' "$j" > "$j.cad-new" && mv -f "$j.cad-new" "$j" && echo "$s restore $j.cad-backup-$s $j" >> "$m" && echo cad-onboarding-written
else
  echo cad-onboarding-skipped
fi
`;
}

/** Puts back what the latest --setup-token changed on the host (script for `sh -s`). */
export const UNDO_SCRIPT = `m=${UNDO_FILE}
if [ ! -s "$m" ]; then echo cad-undo-nothing; exit 0; fi
s=$(tail -n 1 "$m" | cut -d' ' -f1)
grep "^$s " "$m" | sed -n '1!G;h;$p' | while read -r st op a b; do
  case "$op" in
    restore) mv -f "$a" "$b" && echo "cad-restored $b" ;;
    remove) rm -f "$a" && echo "cad-removed $a" ;;
  esac
done
grep -v "^$s " "$m" > "$m.cad-new"; mv -f "$m.cad-new" "$m"
echo cad-undo-done
`;
