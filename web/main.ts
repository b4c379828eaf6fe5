import { createRateChart } from './chart';
import { openStream, type ConnectionState, type Stats } from './connection';
import { createFeed } from './feed';

const STATE_TEXT: Record<ConnectionState, string> = {
  connecting: 'Connecting…',
  open: 'Live',
  reconnecting: 'Connection lost, reconnecting…',
};

function byId<T extends HTMLElement>(id: string): T {
  const element = document.getElementById(id);
  if (!element) throw new Error(`#${id} is missing`);
  return element as T;
}

function start(): void {
  const status = byId<HTMLParagraphElement>('status');
  const select = byId<HTMLSelectElement>('tag');
  const counts = byId<HTMLTableSectionElement>('tag-counts');
  const rate = byId<HTMLParagraphElement>('rate');
  const feed = createFeed(byId<HTMLOListElement>('feed'), byId('announcer'));
  const chart = createRateChart(byId('chart'));

  const showStats = (stats: Stats) => {
    chart.push(stats.time, stats.posts_per_second);
    rate.textContent = `${stats.posts_per_second} posts/s`;
    rate.dataset.points = String(chart.points);
    const tags = Object.entries(stats.tags).sort(([a], [b]) => a.localeCompare(b));
    counts.replaceChildren(
      ...tags.map(([tag, posts]) => {
        const row = document.createElement('tr');
        const name = document.createElement('td');
        name.textContent = tag;
        const count = document.createElement('td');
        count.textContent = posts.toLocaleString();
        row.append(name, count);
        return row;
      }),
    );
    for (const [tag] of tags) {
      if (![...select.options].some((option) => option.value === tag)) select.add(new Option(tag, tag));
    }
  };

  const connect = (tag: string) =>
    openStream(tag, {
      onPost: (entry) => feed.add(entry),
      onStats: showStats,
      onReload: () => feed.clear(),
      onState: (state) => {
        status.dataset.state = state;
        status.textContent = STATE_TEXT[state];
      },
    });

  const initialTag = new URLSearchParams(location.search).get('tag') ?? '';
  if (initialTag) select.add(new Option(initialTag, initialTag, true, true));
  let stream = connect(initialTag);
  select.addEventListener('change', () => {
    stream.close();
    feed.clear();
    const url = new URL(location.href);
    if (select.value) url.searchParams.set('tag', select.value);
    else url.searchParams.delete('tag');
    history.replaceState(null, '', url);
    stream = connect(select.value);
  });
}

start();
