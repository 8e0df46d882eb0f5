/**
 * Shell start-up files (bash, zsh, sh, fish), read and edited the way the shells read them: parse
 * into statements, find where a variable is set, plan an edit of whole statements, check the
 * result with the shell's own syntax check. Fixes that change an rc file go through here.
 */
export { parseRc, assignmentsIn, shownStatement, valueFingerprint, type Assignment, type AssignmentVia } from './assignments.js';
export { appendLines, commentOut, disableAssignments, planOf, statementsSetting, type PlannedStatement, type RcEdit } from './edit.js';
export { blockMarkers, setBlock } from './block.js';
export { checkSyntax, dialectOf, type SyntaxVerdict } from './syntax-check.js';
export { literalOf, type Dialect, type ParsedRc, type Statement, type ShellWord } from './statements.js';
export { MAX_RC_BYTES, SHELL_RC_FILES, scanShellRc, scanText, type RcMatch } from './scan.js';
