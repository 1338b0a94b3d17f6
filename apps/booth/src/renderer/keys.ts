// One keybinding table for the whole booth (assistive inputs become keys). The hardware
// keypad feeds the same actions.

export type KeyAction = 'next' | 'previous' | 'activate' | 'back';

export const KEYBINDINGS: Readonly<Record<string, KeyAction>> = {
  ArrowDown: 'next',
  ArrowRight: 'next',
  ArrowUp: 'previous',
  ArrowLeft: 'previous',
  Enter: 'activate',
  ' ': 'activate',
  Escape: 'back',
  Backspace: 'back',
};

const FOCUSABLE = 'button:not([disabled]), [href], input:not([disabled]), [tabindex]:not([tabindex="-1"])';

/** Moves the focus through the screen's controls in reading order, wrapping around. */
export function moveFocus(root: HTMLElement, step: 1 | -1): void {
  const items = [...root.querySelectorAll<HTMLElement>(FOCUSABLE)];
  if (items.length === 0) return;
  const at = items.indexOf(document.activeElement as HTMLElement);
  items[(at + step + items.length) % items.length]!.focus();
}

/** Applies an action: arrows move the focus, Enter and Space press, Escape goes back. */
export function performAction(action: KeyAction, root: HTMLElement, back: () => void): boolean {
  switch (action) {
    case 'next':
      moveFocus(root, 1);
      return true;
    case 'previous':
      moveFocus(root, -1);
      return true;
    case 'activate':
      if (document.activeElement instanceof HTMLElement && root.contains(document.activeElement)) {
        document.activeElement.click();
        return true;
      }
      return false;
    case 'back':
      back();
      return true;
  }
}
