import { once } from 'node:events';
import { Client, Events, GatewayIntentBits, type RESTOptions } from 'discord.js';
import type { Log, PlatformState } from '../../src/index.ts';
import { DiscordTokenError, loginError, safeError } from './errors.ts';
import { handleInteraction, type InteractionDeps } from './interactions.ts';

/** Close code of a gateway that refused the token. */
const AUTHENTICATION_FAILED = 4004;

export interface GatewayOptions {
  token: string;
  rest: Partial<RESTOptions>;
  log: Log;
  interactions: InteractionDeps;
  /** Tells the platform how the connection is doing. */
  setState(state: PlatformState): void;
}

/**
 * A discord.js client on the gateway with the Guilds intent only (slash commands, buttons and
 * autocomplete arrive as interactions; no message content is read). Resolves once every guild
 * has arrived; a refused token is a DiscordTokenError.
 */
export async function openGateway(options: GatewayOptions): Promise<Client<true>> {
  const client = new Client({
    intents: [GatewayIntentBits.Guilds],
    rest: options.rest,
    allowedMentions: { parse: [] },
  });
  client.on(Events.InteractionCreate, (interaction) => {
    void handleInteraction(options.interactions, interaction);
  });
  watch(client, options);
  try {
    await connect(client, options.token);
  } catch (err) {
    await client.destroy();
    throw err;
  }
  return client as Client<true>;
}

function watch(client: Client, options: GatewayOptions): void {
  const { log } = options;
  const setState = (state: PlatformState) => {
    options.setState(state);
  };
  client.on(Events.ShardDisconnect, (event, shardId) => {
    setState('degraded');
    log.warn({ shardId, code: event.code }, 'discord shard disconnected');
  });
  client.on(Events.ShardReconnecting, () => {
    setState('degraded');
  });
  client.on(Events.ShardResume, () => {
    setState('ready');
  });
  client.on(Events.ShardReady, () => {
    setState('ready');
  });
  client.on(Events.Error, (err) => {
    log.warn({ err: safeError(err) }, 'discord client error');
  });
}

async function connect(client: Client, token: string): Promise<void> {
  const ready = once(client, Events.ClientReady);
  const refused = new Promise<never>((_, reject) => {
    client.on(Events.ShardDisconnect, (event) => {
      if (event.code === AUTHENTICATION_FAILED) reject(new DiscordTokenError());
    });
  });
  refused.catch(() => undefined);
  try {
    await client.login(token);
  } catch (err) {
    throw loginError(err);
  }
  await Promise.race([ready, refused]);
}
