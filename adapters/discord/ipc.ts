import type { CommandContext, CommandHandler, Reply, Target } from '../../src/index.ts';

/**
 * Between a shard process (gateway, interactions) and the Herald process (store, commands):
 * the shard asks with the text command and who asked; Herald answers with the Reply.
 */
export interface CommandRequest {
  herald: 'command';
  requestId: number;
  target: Target;
  user: { id: string; name?: string };
  /** Whether the member has Manage Channels, read from the interaction in the shard. */
  isAdmin: boolean;
  text: string;
}

export interface CommandResponse {
  herald: 'reply';
  requestId: number;
  reply: Reply | null;
}

export function isCommandRequest(value: unknown): value is CommandRequest {
  const v = value as Partial<CommandRequest> | null;
  return (
    typeof v === 'object' &&
    v !== null &&
    v.herald === 'command' &&
    typeof v.requestId === 'number' &&
    typeof v.text === 'string' &&
    typeof v.isAdmin === 'boolean' &&
    typeof v.target?.chatId === 'string' &&
    typeof v.user?.id === 'string'
  );
}

export function isCommandResponse(value: unknown): value is CommandResponse {
  const v = value as Partial<CommandResponse> | null;
  return (
    typeof v === 'object' && v !== null && v.herald === 'reply' && typeof v.requestId === 'number'
  );
}

/** Herald's side: answers one request with the core's handler. */
export async function answerRequest(
  commands: CommandHandler,
  request: CommandRequest,
): Promise<CommandResponse> {
  const context: CommandContext = {
    platform: 'discord',
    target: { ...request.target, platform: 'discord' },
    user: request.user,
    isAdmin: () => Promise.resolve(request.isAdmin),
  };
  const reply = await commands.handleText(context, request.text);
  return { herald: 'reply', requestId: request.requestId, reply: reply ?? null };
}

/** The shard's side: a CommandHandler that asks the Herald process over IPC. */
export function createIpcCommandHandler(
  send: (message: CommandRequest) => Promise<unknown>,
  onResponse: (listener: (message: unknown) => void) => void,
): CommandHandler {
  let next = 0;
  const waiting = new Map<number, (reply: Reply | undefined) => void>();
  onResponse((message) => {
    if (!isCommandResponse(message)) return;
    waiting.get(message.requestId)?.(message.reply === null ? undefined : revive(message.reply));
    waiting.delete(message.requestId);
  });
  return {
    async handleText(context, text) {
      const requestId = (next += 1);
      const answered = new Promise<Reply | undefined>((resolve) => waiting.set(requestId, resolve));
      const isAdmin = await context.isAdmin();
      await send({
        herald: 'command',
        requestId,
        target: context.target,
        user: context.user,
        isAdmin,
        text,
      });
      return answered;
    },
  };
}

/** Dates travel as ISO strings over IPC (JSON): turn them back into Dates. */
export function revive(reply: Reply): Reply {
  const date = (card: { publishedAt: Date | string }) => ({
    publishedAt: new Date(card.publishedAt),
  });
  switch (reply.kind) {
    case 'card':
      return { ...reply, card: { ...reply.card, ...date(reply.card) } };
    case 'cards':
      return { ...reply, cards: reply.cards.map((c) => ({ ...c, ...date(c) })) };
    case 'notice':
    case 'error':
      return reply;
  }
}
