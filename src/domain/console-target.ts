import type { Target } from './subscription.ts';

/** The console's one chat: the person at the terminal (adapters/console). */
export const CONSOLE_TARGET: Target = { platform: 'console', chatId: 'console', kind: 'private' };
