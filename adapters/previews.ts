import type { PreviewRenderer, Reply } from '../src/index.ts';

/**
 * Each platform's real renderer, for the operator's preview of a post format: the text each
 * platform would be sent. Renderers only, loaded on first use (Discord's pulls discord.js in).
 */
export function createPreviewRenderer(timeZone: string): PreviewRenderer {
  return async (platform, reply) => {
    switch (platform) {
      case 'telegram':
        return telegramPreview(reply, timeZone);
      case 'discord': {
        const { renderMessage } = await import('./discord/render.ts');
        return JSON.stringify(renderMessage(reply), null, 2);
      }
      case 'whatsapp': {
        const { renderReply } = await import('./whatsapp/render.ts');
        const m = renderReply(reply, { timeZone });
        return 'text' in m ? m.text : `[image ${m.image.url}]\n${m.caption}`;
      }
      case 'console': {
        const { renderReply } = await import('./console/render.ts');
        return renderReply(reply, { timeZone });
      }
    }
  };
}

async function telegramPreview(reply: Reply, timeZone: string): Promise<string> {
  const { renderReply } = await import('./telegram/render.ts');
  const { toHtml } = await import('./telegram/html.ts');
  const m = renderReply(reply, { timeZone, mode: 'broadcast' });
  const text =
    m.photo === undefined ? toHtml(m.lines) : `[photo ${m.photo.url}]\n${toHtml(m.photo.caption)}`;
  const buttons = m.keyboard?.inline_keyboard
    .flat()
    .map((b) => `[${b.text}]`)
    .join(' ');
  return buttons === undefined ? text : `${text}\n${buttons}`;
}
