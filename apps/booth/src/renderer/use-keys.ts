import { useEffect } from 'react';
import { KEYBINDINGS, performAction } from './keys.js';

/** Listens for the keybinding table's keys while the calling screen is shown. */
export function useKeys(back: () => void): void {
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      const action = KEYBINDINGS[event.key];
      const root = document.getElementById('root');
      if (!action || !root || event.altKey || event.ctrlKey || event.metaKey) return;
      if (performAction(action, root, back)) event.preventDefault();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [back]);
}
