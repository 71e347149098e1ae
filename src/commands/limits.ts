/** The knobs of the command layer. Every field has a default (see COMMAND_LIMITS). */
export interface CommandLimits {
  /** Longer messages are refused before parsing (characters, UTF-16 units). */
  maxInputChars: number;
  /** Commands one user may send per window; then one notice, then silence. */
  commandsPerWindow: number;
  windowMs: number;
  /** Users the rate limiter remembers (least recently seen are forgotten first). */
  rateLimitUsers: number;
  /** Chats whose last listing is remembered for "summary 2". */
  listingChats: number;
  searchResults: number;
  relatedResults: number;
  /** User text quoted back in a reply ("Best match for …") is cut to this length. */
  echoChars: number;
}

export const COMMAND_LIMITS = {
  maxInputChars: 1_000,
  commandsPerWindow: 10,
  windowMs: 60_000,
  rateLimitUsers: 10_000,
  listingChats: 10_000,
  searchResults: 10,
  relatedResults: 5,
  echoChars: 60,
} as const satisfies Required<CommandLimits>;

export function resolveLimits(overrides: Partial<CommandLimits> = {}): CommandLimits {
  return { ...COMMAND_LIMITS, ...overrides };
}
