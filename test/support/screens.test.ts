// The end-to-end tests photograph their screens into docs/screens/ only with SEGGIO_SCREENS=1.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SCREENS, screenFile } from './screens.js';

describe("the screens' pictures", () => {
  it('are written only when SEGGIO_SCREENS=1 asks for them', () => {
    expect(screenFile('welcome', 'booth', {})).toBeNull();
    expect(screenFile('welcome', 'booth', { SEGGIO_SCREENS: '0' })).toBeNull();
    expect(screenFile('welcome', 'booth', { SEGGIO_SCREENS: 'yes' })).toBeNull();
    expect(screenFile('welcome', 'booth', { SEGGIO_SCREENS: '1' })).toBe(join(SCREENS, 'booth-welcome.png'));
    expect(screenFile('closing', 'console', { SEGGIO_SCREENS: '1' })).toBe(join(SCREENS, 'console-closing.png'));
  });
});
