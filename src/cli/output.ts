/** Writes to stdout and resolves once flushed, so process.exit never truncates a pipe. */
export function writeOut(text: string): Promise<void> {
  return new Promise((resolve) => process.stdout.write(text, () => resolve()));
}
