import { getJson } from './insights-api';
import { createHourChart, createTimeChart, drawStackedBars } from './insights-charts';
import type { Row } from './insights-download';
import type { Filters } from './insights-filters';
import { createWorldMap } from './insights-map';
import { byId, createPanel, formatCount, requireChild, type Column } from './insights-panel';

const POSTS: Column = { key: 'tweets', label: 'Posts', numeric: true, format: formatCount };
const unknown = (value: Row[string]) => (value === null ? 'unknown' : String(value));

interface PanelRefresh {
  (filters: Filters): Promise<void>;
}

/** Runs `load` for the newest filters only: an answer to older filters is dropped. */
function latestOnly(load: (filters: Filters, isCurrent: () => boolean) => Promise<void>): PanelRefresh {
  let generation = 0;
  return (filters) => {
    const mine = ++generation;
    return load(filters, () => mine === generation);
  };
}

function section(id: string) {
  return byId<HTMLElement>(id);
}

/** The filters every summary takes from the API (the over-time panel reads from and to as its buckets). */
function postFilters(filters: Filters): Record<string, string> {
  return { tag: filters.tag, lang: filters.lang, from: filters.from, to: filters.to, tz: filters.tz };
}

/** What an empty answer means: nothing stored yet, or nothing that matches the filters. */
function emptyMessage(filters: Filters): string | undefined {
  return filters.tag || filters.lang || filters.from || filters.to
    ? 'No posts match these filters.'
    : undefined;
}

export function overTimePanel(): PanelRefresh {
  const element = section('over-time');
  let zone = 'UTC';
  const when: Column = { key: 'start', label: 'From', format: (value) => formatTime(String(value), zone) };
  const panel = createPanel(element, [when, POSTS], 'posts-over-time');
  const draw = createTimeChart(requireChild(element, '.chart'));
  return latestOnly(async (filters, isCurrent) => {
    panel.loading();
    try {
      const answer = await getJson<{ tweets_over_time: { start: string; tweets: number }[] }>(
        '/tweets_over_time',
        { interval: filters.interval, ...postFilters(filters) },
      );
      if (!isCurrent()) return;
      zone = filters.tz;
      const rows = answer.tweets_over_time;
      const total = rows.reduce((sum, row) => sum + row.tweets, 0);
      draw(
        rows.map((row) => row.start),
        rows.map((row) => row.tweets),
        zone,
        filters.tag || 'all tags',
      );
      panel.show(total ? rows : [], 'No posts in this range.');
    } catch (error) {
      if (isCurrent()) panel.fail(error);
    }
  });
}

export function perHourPanel(): PanelRefresh {
  const element = section('per-hour');
  const panel = createPanel(element, [{ key: 'at_hour', label: 'Hour' }, POSTS], 'posts-per-hour');
  const draw = createHourChart(requireChild(element, '.chart'));
  return latestOnly(async (filters, isCurrent) => {
    panel.loading();
    try {
      const answer = await getJson<{ tweets_per_hour: { at_hour: string; tweets: number }[] }>(
        '/tweets_per_hour',
        postFilters(filters),
      );
      if (!isCurrent()) return;
      const rows = answer.tweets_per_hour;
      draw(rows.map((row) => row.tweets));
      panel.show(rows.some((row) => row.tweets > 0) ? rows : [], emptyMessage(filters));
    } catch (error) {
      if (isCurrent()) panel.fail(error);
    }
  });
}

export interface TagLanguageRow extends Row {
  rash: string;
  lang: string;
  tweets: number;
}

/** Per tag and language, of the posts that match the filters. */
export function perTagPanel(onOptions: (rows: TagLanguageRow[]) => void): PanelRefresh {
  const element = section('per-tag');
  const columns: Column[] = [{ key: 'rash', label: 'Tag' }, { key: 'lang', label: 'Language' }, POSTS];
  const panel = createPanel(element, columns, 'posts-per-tag-and-language');
  const bars = requireChild<HTMLElement>(element, '.bars');
  const legend = requireChild<HTMLElement>(element, '.legend');
  return latestOnly(async (filters, isCurrent) => {
    panel.loading();
    try {
      const answer = await getJson<{ tweets_per_tags: TagLanguageRow[][] }>(
        '/tweets_per_tag',
        postFilters(filters),
      );
      if (!isCurrent()) return;
      const rows = answer.tweets_per_tags.flat();
      onOptions(rows);
      drawStackedBars(
        bars,
        legend,
        rows.map((row) => ({ group: row.rash, part: row.lang, value: row.tweets })),
      );
      panel.show(rows, emptyMessage(filters));
    } catch (error) {
      if (isCurrent()) panel.fail(error);
    }
  });
}

export function perCountryPanel(): PanelRefresh {
  const element = section('per-country');
  const columns: Column[] = [
    { key: 'country', label: 'Code', format: unknown },
    { key: 'country_name', label: 'Country', format: unknown },
    POSTS,
  ];
  const panel = createPanel(element, columns, 'posts-per-country');
  const shade = createWorldMap(requireChild(element, '.map'), requireChild(element, '.legend'));
  return latestOnly(async (filters, isCurrent) => {
    panel.loading();
    try {
      type Entry = { country: string | null; country_name: string | null; tweets: number };
      const answer = await getJson<{ tweets_per_country: Entry[] }>(
        '/tweets_per_country',
        postFilters(filters),
      );
      if (!isCurrent()) return;
      const rows = answer.tweets_per_country;
      shade(new Map(rows.flatMap((row) => (row.country ? [[row.country, row.tweets] as const] : []))));
      panel.show(rows, emptyMessage(filters));
    } catch (error) {
      if (isCurrent()) panel.fail(error);
    }
  });
}

export function authorsPanel(): PanelRefresh {
  const columns: Column[] = [
    { key: 'author', label: 'Author' },
    { key: 'username', label: 'Account', format: (value) => xLink(`@${String(value)}`, `${String(value)}`) },
    { key: 'followers', label: 'Followers', numeric: true, format: formatCount },
    POSTS,
  ];
  const panel = createPanel(section('authors'), columns, 'top-authors');
  return latestOnly(async (filters, isCurrent) => {
    panel.loading();
    try {
      type Entry = { author: string; username: string; followers: number; tweets: number };
      const answer = await getJson<{ authors: Entry[] }>('/tweets', {
        order_by_followers_desc: filters.top,
        ...postFilters(filters),
      });
      if (isCurrent()) panel.show(answer.authors, emptyMessage(filters));
    } catch (error) {
      if (isCurrent()) panel.fail(error);
    }
  });
}

export const SEARCH_LIMIT = 20;
/** the fields of a `/tweets` entry, the columns of the posts' CSV */
const POST_FIELDS = [
  'id',
  'tweet',
  'author',
  'username',
  'followers',
  'created',
  'lang',
  'country',
  'country_name',
  'rash',
];

export function searchPanel(): PanelRefresh {
  let zone = 'UTC';
  const columns: Column[] = [
    {
      key: 'tweet',
      label: 'Post',
      format: (value, row) => xLink(String(value), `${String(row.username)}/status/${String(row.id)}`),
    },
    { key: 'username', label: 'Account', format: (value) => `@${String(value)}` },
    { key: 'created', label: 'Posted', format: (value) => formatTime(String(value), zone) },
    { key: 'rash', label: 'Tag' },
    { key: 'lang', label: 'Language' },
    { key: 'country', label: 'Country', format: unknown },
  ];
  const panel = createPanel(section('search'), columns, 'posts', POST_FIELDS);
  return latestOnly(async (filters, isCurrent) => {
    panel.loading();
    try {
      type Entry = Row & { id: string; username: string };
      const answer = await getJson<{ tweets: Entry[] }>('/tweets', {
        q: filters.q,
        ...postFilters(filters),
        limit: SEARCH_LIMIT,
      });
      if (!isCurrent()) return;
      zone = filters.tz;
      panel.show(answer.tweets, filters.q ? `No post contains “${filters.q}”.` : emptyMessage(filters));
    } catch (error) {
      if (isCurrent()) panel.fail(error);
    }
  });
}

function xLink(text: string, path: string): HTMLAnchorElement {
  const link = document.createElement('a');
  link.href = `https://x.com/${path}`;
  link.textContent = text;
  link.rel = 'noopener noreferrer';
  return link;
}

/** `2026-11-20 10:00` in the zone (24-hour clock, the same for every reader). */
export function formatTime(iso: string, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(new Date(iso));
  const part = (type: string) => parts.find((item) => item.type === type)?.value ?? '';
  return `${part('year')}-${part('month')}-${part('day')} ${part('hour')}:${part('minute')}`;
}
