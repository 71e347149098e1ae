import type { Reply } from '../../domain/reply.ts';
import { REPLY_LIMITS } from '../../domain/reply.ts';
import { COMMAND_NAMES, usageOf, type CommandName } from '../command.ts';
import type { Run } from '../deps.ts';
import { notice } from '../replies.ts';
import { truncate } from '../text.ts';

/** `help`: every command with its usage; `help <command>`: that one. */
export function help(run: Run, about: CommandName | undefined): Reply {
  const { t } = run;
  if (about !== undefined) {
    const usage = usageOf(t, about);
    const story = about === 'summary' || about === 'related';
    return notice(story ? `${usage}\n${t('hint.story')}` : usage);
  }
  const lines = COMMAND_NAMES.map((name) => `• ${usageOf(t, name)}`);
  return notice([t('help.intro'), ...lines, t('hint.story')].join('\n'));
}

/** `topics`: every topic with its number of stories, most used first. */
export async function topics(run: Run): Promise<Reply> {
  const { t } = run;
  const counts = await run.deps.stories.topicCounts();
  if (counts.length === 0) return notice(t('topics.none'));
  const head = t('topics.head');
  const lines: string[] = [];
  let used = head.length;
  for (const { topic, count } of counts) {
    const line = `• ${truncate(topic, 100)} (${count})`;
    if (used + line.length + 40 > REPLY_LIMITS.noticeChars) {
      lines.push(t('topics.more', { count: counts.length - lines.length }));
      break;
    }
    lines.push(line);
    used += line.length + 1;
  }
  return notice([head, ...lines].join('\n'));
}
