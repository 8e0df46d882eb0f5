import type { CheckId, CheckResult, FixId, HealthReport, ReportContext, Status } from '../../shared/report.js';
import type { ClaudeBinary } from '../claude-code/claude-bin.js';
import type { Os } from '../io/os.js';
import type { CommandRunner, FileSystem } from '../io/ports.js';
import type { Dialect, PlannedStatement } from './rc-files/index.js';

/**
 * A fix is data plus code. Steps are one of four kinds; only 'run' steps execute anything, and
 * only those marked `automatable` run without the user confirming each one (`fix --yes`).
 * Everything in a step is shown to the user, so no field ever holds a secret.
 */
export type FixStep = InfoStep | RunStep | UserActionStep | LinkStep;

export interface InfoStep {
  readonly kind: 'info';
  readonly title: string;
  readonly detail: string;
}

export interface RunStep {
  readonly kind: 'run';
  readonly title: string;
  readonly detail: string;
  /** Shown to the user exactly as it will run (argv quoted for a shell; never a secret). */
  readonly display: string;
  /** Safe to run without asking for this step (`--yes`): no data loss, backed up, undoable. */
  readonly automatable: boolean;
  /** Changes files or keychain items; then a backup is taken first and `undo` can restore it. */
  readonly changes: boolean;
  /** What is backed up and changed, one line each ("Moves ~/.claude/.credentials.json into a backup"). */
  readonly effects: readonly string[];
  /** How undo brings it back, or why it cannot; null when nothing changes. */
  readonly undo: string | null;
  /** Set when the step needs a value the user types (an API key): read hidden, never from argv. */
  readonly input: StepInput | null;
  /**
   * What the step leaves behind once it worked, when a later step of the fix finishes the job:
   * the expected middle of a walk ("Signed out: now sign in"), not a failure. Null otherwise.
   */
  readonly leaves: StepLeaves | null;
  readonly action: StepAction;
}

export type StepLeaves = 'signed-out' | 'moved-aside';

export interface StepInput {
  readonly kind: 'secret';
  /** Prompt label: "Anthropic API key (sk-ant-api03-…)". */
  readonly label: string;
}

export interface UserActionStep {
  readonly kind: 'user-action';
  readonly title: string;
  readonly detail: string;
  /** A command to copy into a terminal, or null when the action is not a command. */
  readonly copy: string | null;
}

export interface LinkStep {
  readonly kind: 'link';
  readonly title: string;
  readonly detail: string;
  /** Always on the allowlist in `src/shared/external-links.ts`; checked when the step is built. */
  readonly url: string;
}

/** Something saved before a command runs, so a failed or regretted command can be undone. */
export type BackupTarget =
  | { readonly kind: 'file'; readonly path: string; readonly what: string }
  | { readonly kind: 'macos-keychain-item'; readonly service: string; readonly account: string; readonly what: string };

/** Edits of Claude Code's settings.json; every other key is kept as it was. */
export type SettingsEdit =
  | { readonly op: 'set-api-key-helper'; readonly command: string }
  | { readonly op: 'delete-env'; readonly name: string }
  /** Makes `statusLine` the doctor's (`doctor` is how a shell runs this CLI), chaining the command that was there. */
  | { readonly op: 'chain-status-line'; readonly doctor: string; readonly posix: boolean }
  /** Puts back the command the doctor's status line chained, or removes `statusLine` when it chained none. */
  | { readonly op: 'unchain-status-line'; readonly doctor: string };

/** The doctor's own block in a start-up file (see actions/rc-file.ts setRcBlock). */
export interface RcBlockAction {
  readonly type: 'rc-block';
  readonly path: string;
  readonly dialect: Dialect;
  /** The block's name in its markers ("hook"). */
  readonly name: string;
  readonly body: readonly string[] | null;
}

/** What a 'run' step does; interpreted by the step runner, so every effect is backed up and logged. */
export type StepAction =
  | {
      readonly type: 'command';
      readonly file: string;
      readonly args: readonly string[];
      readonly timeoutMs: number;
      /** Saved before the command runs and restored if it fails. */
      readonly backup: readonly BackupTarget[];
    }
  /** Moves a file or directory into the backup (never deletes it). */
  | { readonly type: 'move-aside'; readonly path: string; readonly what: string }
  /** macOS: exports a generic-password item into the backup, then deletes it from the keychain. */
  | { readonly type: 'keychain-move-aside'; readonly service: string; readonly account: string; readonly what: string }
  /**
   * Disables the statements of a shell start-up file that set `names` (whole statements, every
   * line of them), each checked against what was seen when planning, the result checked with the
   * shell's own syntax check before it is written.
   */
  | {
      readonly type: 'unset-in-rc';
      readonly path: string;
      readonly dialect: Dialect;
      readonly names: readonly string[];
      readonly statements: readonly PlannedStatement[];
    }
  /**
   * Sets (or, with a null body, removes) the block of lines the doctor owns between its marker
   * comments in a shell start-up file (the shell hook); the file is syntax-checked before and after.
   */
  | RcBlockAction
  /**
   * Points NODE_EXTRA_CA_CERTS at a CA file through the doctor's block in a start-up file, once the
   * file holds a CA that verifies the chain host:port presents now (see actions/trust-ca.ts).
   */
  | {
      readonly type: 'trust-ca';
      readonly caPath: string;
      readonly host: string;
      readonly port: number;
      readonly block: RcBlockAction;
    }
  | { readonly type: 'settings-edit'; readonly path: string; readonly edit: SettingsEdit }
  /** Stores the user's API key in the OS keychain (keytar); the value comes from the step input. */
  | { readonly type: 'store-api-key' }
  /** Linux: asks the Secret Service to unlock the default collection; the desktop shows its own prompt. */
  | { readonly type: 'secret-service-unlock' }
  /** Writes a redacted diagnostic report into the app's data dir. */
  | { readonly type: 'write-report' }
  /**
   * Writes a whole file the doctor owns (a service definition), backing up what was there: undo puts
   * the old file back, or moves ours aside when there was none. Never a secret: it is shown in full.
   */
  | {
      readonly type: 'write-file';
      readonly path: string;
      readonly content: string;
      /** Windows Task Scheduler reads task XML as UTF-16 with a byte-order mark. */
      readonly encoding: 'utf8' | 'utf16le-bom';
      readonly mode: number;
      readonly what: string;
    };

/**
 * Who made a change, as its backups record it: a fix, or one of the changes that answer no finding
 * (running `watch` as a user service, the shell hook, the status line) but go through the same
 * lock, backups and undo.
 */
export const CHANGE_IDS = [
  'service-install',
  'service-uninstall',
  'hook-install',
  'hook-uninstall',
  'statusline-install',
  'statusline-uninstall',
] as const;
export type ChangeId = (typeof CHANGE_IDS)[number];
export type ChangeOwner = FixId | ChangeId;

/** The steps of a change that is not a fix; each is a 'run' step that writes, moves or runs. */
export interface PlannedChange {
  readonly id: ChangeId;
  readonly steps: readonly RunStep[];
}

export interface ChangeStepOutcome {
  readonly title: string;
  readonly ok: boolean;
  readonly message: string;
  readonly backupId: string | null;
}

/** What `apply` did: every step run, in order, up to the first that failed. */
export interface ChangeResult {
  readonly ok: boolean;
  readonly steps: readonly ChangeStepOutcome[];
}

/** Where Claude Code keeps things, resolved once for this run (CLAUDE_CONFIG_DIR honoured). */
export interface ClaudePaths {
  readonly configDir: string;
  readonly credentialsFile: string;
  readonly claudeJson: string;
  readonly settings: string;
  readonly cacheDir: string;
  /** macOS keychain service of Claude Code's login item. */
  readonly keychainService: string;
}

/** Everything a fix definition may look at while planning its steps. */
export interface FixTarget {
  readonly report: HealthReport;
  /** The OS and session the steps are for (from the report, so tests can ask for any variant). */
  readonly os: Os;
  readonly machine: ReportContext;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly homeDir: string;
  /** The keychain account Claude Code uses ($USER, else the system name; claude-code-user when not [a-zA-Z0-9._-]+). */
  readonly user: string;
  readonly paths: ClaudePaths;
  /** The `claude` a shell would run, or null when it is not installed. */
  readonly claude: ClaudeBinary | null;
  /** A shell command that runs this CLI (for Claude Code's apiKeyHelper). */
  readonly cliCommand: string;
  readonly dataDir: string;
  /** Read-only access for planning; fixes never write while planning. */
  readonly fs: FileSystem;
  readonly runner: CommandRunner;
  check(id: CheckId): CheckResult | undefined;
}

export interface FixDefinition {
  readonly id: FixId;
  readonly title: string;
  /** Which causes it answers, in plain words. */
  readonly why: string;
  /** Checks re-run after each step to prove it worked (empty when no check can tell). */
  readonly verifies: readonly CheckId[];
  /** Steps for this OS and session (desktop vs SSH/headless). Planning reads, never writes. */
  steps(ctx: FixTarget): Promise<readonly FixStep[]>;
}

/* ---- What the fix service hands to front ends: JSON-safe, secret-free. ---- */

/** One step as a front end shows it; a superset of `FixRun['steps'][number]` in shared/ipc.ts. */
export interface StepView {
  readonly index: number;
  readonly kind: FixStep['kind'];
  readonly title: string;
  readonly detail: string;
  /** The command it runs ('run') or the user copies ('user-action'). */
  readonly command?: string;
  readonly url?: string;
  readonly automatable: boolean;
  readonly changes: boolean;
  readonly effects: readonly string[];
  readonly undo: string | null;
  readonly input: StepInput | null;
  readonly leaves: StepLeaves | null;
}

/** A superset of `FixRun` in shared/ipc.ts. */
export interface FixRunView {
  readonly runId: string;
  readonly fixId: FixId;
  readonly title: string;
  readonly why: string;
  readonly verifies: readonly CheckId[];
  readonly steps: readonly StepView[];
}

export interface VerificationView {
  /** True when every verifying check is ok (or skip); null when the fix has no verifying check. */
  readonly passed: boolean | null;
  readonly checks: readonly { readonly id: CheckId; readonly status: Status; readonly summary: string }[];
}

/** A superset of `StepOutcome` in shared/ipc.ts. */
export interface StepResult {
  readonly ok: boolean;
  /** What happened, redacted. */
  readonly message: string;
  /** The backup taken for this step, for `undo`; null when nothing changed. */
  readonly backupId: string | null;
  /** The report after the step, with the fix's verifying checks re-run. */
  readonly report: HealthReport;
  readonly verification: VerificationView;
}

/** A superset of `UndoOutcome` in shared/ipc.ts. */
export interface UndoResult {
  readonly ok: boolean;
  readonly message: string;
  readonly backupId: string | null;
  /** What was put back, as users recognise it ("~/.claude/.credentials.json"). */
  readonly restored: readonly string[];
}

export type BackupState = 'pending' | 'complete' | 'rolled-back' | 'restored';

export interface BackupSummary {
  readonly id: string;
  readonly fixId: string;
  readonly step: string;
  readonly createdAt: string;
  readonly state: BackupState;
  readonly entries: readonly { readonly kind: string; readonly what: string; readonly where: string }[];
}
