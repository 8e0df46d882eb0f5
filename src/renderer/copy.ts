/**
 * Puts text on the clipboard; where the page may not (no permission, no secure context), selects
 * it on screen instead so Ctrl+C / ⌘C copies it. Returns which of the two happened.
 */
export async function copyText(text: string, shown: HTMLElement): Promise<'copied' | 'selected'> {
  try {
    await navigator.clipboard.writeText(text);
    return 'copied';
  } catch {
    const range = document.createRange();
    range.selectNodeContents(shown);
    const selection = window.getSelection();
    selection?.removeAllRanges();
    selection?.addRange(range);
    return 'selected';
  }
}

export function copyShortcut(): string {
  return /Mac|iPhone|iPad/.test(navigator.platform) ? '⌘C' : 'Ctrl+C';
}
