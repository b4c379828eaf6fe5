import type { RunSummary, TagSummary } from './summary';

/** One line per tag, as the CLI prints it when the tag ends. */
export function tagLine(tag: TagSummary): string {
  const counts = `${tag.new_posts} new of ${tag.returned} returned, ${tag.pages} page${tag.pages === 1 ? '' : 's'}${tag.incomplete ? ', a hole left for the next run' : ''}`;
  return `${tag.tag.padEnd(20)} ${tag.status.padEnd(12)} ${counts}${tag.error ? ` - ${tag.error}` : ''}`;
}

export function summaryText(summary: RunSummary): string {
  const totals = summary.tags.reduce(
    (sum, tag) => ({ new: sum.new + tag.new_posts, returned: sum.returned + tag.returned }),
    { new: 0, returned: 0 },
  );
  const lines = [
    `collection ${summary.outcome} in ${(summary.duration_ms / 1000).toFixed(1)} s from ${summary.source}: ${totals.new} new posts of ${totals.returned} returned`,
    ...summary.tags.map(tagLine),
  ];
  if (summary.error) lines.push(`run stopped: ${summary.error}`);
  return lines.join('\n');
}

/** The CLI fails when the run stopped or any tag failed; a rate-limited tag kept what it had. */
export function exitCodeOf(summary: RunSummary): number {
  return summary.error !== null || summary.tags.some((tag) => tag.status === 'failed') ? 1 : 0;
}
