import type { PanelConfig } from '../panel/panel-config.ts';
import { z } from 'zod';

/** The PANEL_* keys of the environment: the operator's web panel (off without PANEL_TOKEN). */
export const PANEL_KEYS = {
  PANEL_TOKEN: z
    .string()
    .min(16, 'at least 16 characters (a long random secret: openssl rand -hex 24)')
    .max(512)
    .optional(),
  PANEL_PUBLIC_URL: z
    .url({
      protocol: /^https?$/,
      error: 'the panel as a browser reaches it, such as https://herald.example.org',
    })
    .optional(),
  PANEL_SESSION_HOURS: z.coerce.number().min(0.1).max(720).default(12),
};

type PanelRaw = z.infer<z.ZodObject<typeof PANEL_KEYS>>;

export type { PanelConfig };

/** The panel section, only when PANEL_TOKEN is set (the panel is off otherwise). */
export function panelSection(raw: PanelRaw): { panel?: PanelConfig } {
  if (raw.PANEL_TOKEN === undefined) return {};
  const origin =
    raw.PANEL_PUBLIC_URL === undefined ? undefined : new URL(raw.PANEL_PUBLIC_URL).origin;
  return {
    panel: {
      token: raw.PANEL_TOKEN,
      sessionMs: raw.PANEL_SESSION_HOURS * 3_600_000,
      ...(origin === undefined ? {} : { publicOrigin: origin }),
    },
  };
}
