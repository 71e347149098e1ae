import type { Reply } from '../../domain/reply.ts';
import { REPLY_LIMITS } from '../../domain/reply.ts';
import { COMMAND_NAMES, STORY_HINT, USAGE, type CommandName } from '../command.ts';
import type { Run } from '../deps.ts';
import { notice } from '../replies.ts';
import { truncate } from '../text.ts';

/** `help`: every command with its usage; `help <command>`: that one. */
export function help(about: CommandName | undefined): Reply {
  if (about !== undefined) {
    const story = USAGE[about].includes('<story>') ? `\n${STORY_HINT}` : '';
    return notice(`${USAGE[about]}${story}`);
  }
  const lines = COMMAND_NAMES.map((name) => `• ${USAGE[name]}`);
  return notice(
    [
      'Herald brings you the news. Commands (with / or ! in front, or without):',
      ...lines,
      STORY_HINT,
    ].join('\n'),
  );
}

/** `topics`: every topic with its number of stories, most used first. */
export async function topics(run: Run): Promise<Reply> {
  const counts = await run.deps.stories.topicCounts();
  if (counts.length === 0) return notice('There are no topics yet.');
  const head = 'Topics you can follow (subscribe <topic>), with their stories:';
  const lines: string[] = [];
  let used = head.length;
  for (const { topic, count } of counts) {
    const line = `• ${truncate(topic, 100)} (${count})`;
    if (used + line.length + 40 > REPLY_LIMITS.noticeChars) {
      lines.push(`… and ${counts.length - lines.length} more.`);
      break;
    }
    lines.push(line);
    used += line.length + 1;
  }
  return notice([head, ...lines].join('\n'));
}
