import type { Translate } from '../../domain/i18n.ts';
import { REPLY_LIMITS, type Reply } from '../../domain/reply.ts';
import type { Story } from '../../domain/story.ts';
import type { EventReport } from '../../store/event-store.ts';
import { developmentOf } from '../../text/events/development.ts';
import type { Run } from '../deps.ts';
import { notice, usageError } from '../replies.ts';
import { alsoReportedLines } from '../cross-language.ts';
import { resolveStory } from '../resolve-story.ts';
import { quote, truncate } from '../text.ts';

/**
 * `coverage <story>` (`event`, `timeline`): the reports of the story's event in time order,
 * each with its outlet and time, the first reporter marked, and for each later report one line
 * of what it added to those before it. The reports are numbered ("summary 2").
 */
export async function coverage(run: Run, reference: string): Promise<Reply> {
  const found = await resolveStory(
    { stories: run.deps.stories, listings: run.listings, t: run.t },
    run.context.target,
    reference,
  );
  if (!found.ok) return usageError(run.t, 'coverage', found.message);
  const event = await run.deps.events.eventOf(found.story.id);
  const title = quote(found.story.title, run.limits.echoChars);
  if (event === undefined) return notice(run.t('coverage.noEvent', { title }));
  const shown = event.reports.slice(0, REPLY_LIMITS.cards);
  const stories = await Promise.all(shown.map((r) => run.deps.stories.getStory(r.storyId)));
  const lines = [
    run.t('coverage.heading', {
      title: quote(event.title, run.limits.echoChars),
      reports:
        event.reports.length === 1
          ? run.t('coverage.oneReport')
          : run.t('coverage.reports', { count: event.reports.length }),
      outlets:
        event.outlets === 1
          ? run.t('coverage.oneOutlet')
          : run.t('coverage.outlets', { count: event.outlets }),
    }),
  ];
  shown.forEach((report, i) => {
    lines.push(reportLine(run.t, report, i, run.limits.echoChars * 2));
    const later = stories[i];
    if (i > 0 && later !== undefined) {
      const earlier = stories.slice(0, i).filter((s): s is Story => s !== undefined);
      lines.push(`   ${run.t('coverage.added', { what: addedBy(run.t, earlier, later) })}`);
    }
  });
  if (event.reports.length > shown.length)
    lines.push(run.t('coverage.more', { count: event.reports.length - shown.length }));
  lines.push(...(await alsoReportedLines(run, found.story)));
  lines.push(run.t('coverage.footer'));
  run.listings.remember(
    run.context.target,
    shown.map((r) => r.storyId),
  );
  return notice(fit(lines));
}

/** What a later report adds to those before it, in one line (`developmentOf`). */
function addedBy(t: Translate, earlier: readonly Story[], later: Story): string {
  const input = (s: Story) => ({ title: s.title, text: s.body });
  const line = developmentOf(earlier.map(input), input(later)).line;
  return line === '' ? t('coverage.nothingNew') : line;
}

function reportLine(t: Translate, report: EventReport, i: number, titleChars: number): string {
  const first = i === 0 ? `, ${t('coverage.first')}` : '';
  // An undated report's time is when Herald first saw it, and says so.
  const time = utcTime(report.at);
  const when = report.dateEstimated === true ? `${t('coverage.firstSeen')} ${time}` : time;
  return `${i + 1}. ${report.source}, ${when}${first}: ${truncate(report.title, titleChars)}`;
}

/** "2026-03-04 09:12 UTC": commands know no reader's time zone. */
export function utcTime(at: Date): string {
  return `${at.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

/** The lines within a notice's length: the last report lines dropped when they do not fit. */
function fit(lines: string[]): string {
  const text = lines.join('\n');
  if (text.length <= REPLY_LIMITS.noticeChars) return text;
  const footer = lines.at(-1) ?? '';
  const kept: string[] = [];
  let used = footer.length + 40;
  for (const line of lines.slice(0, -1)) {
    if (used + line.length + 1 > REPLY_LIMITS.noticeChars) break;
    kept.push(line);
    used += line.length + 1;
  }
  return [...kept, '…', footer].join('\n');
}
