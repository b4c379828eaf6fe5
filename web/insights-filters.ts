/** What every panel of the insights page is filtered by; all of it lives in the page's URL. */
export interface Filters {
  tag: string;
  lang: string;
  /** dates (YYYY-MM-DD), midnight in tz; empty: the API's default range */
  from: string;
  to: string;
  interval: 'hour' | 'day';
  tz: string;
  /** how many top authors */
  top: number;
  /** the search box */
  q: string;
}

export const TOP_CHOICES = [5, 10, 25, 50, 100];
const DATE = /^\d{4}-\d{2}-\d{2}$/;

export function browserZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}

export function readFilters(search: string, defaultZone = browserZone()): Filters {
  const params = new URLSearchParams(search);
  const text = (name: string) => params.get(name)?.trim() ?? '';
  const date = (name: string) => (DATE.test(text(name)) ? text(name) : '');
  const top = Number(text('top'));
  return {
    tag: text('tag'),
    lang: text('lang'),
    from: date('from'),
    to: date('to'),
    interval: text('interval') === 'hour' ? 'hour' : 'day',
    tz: text('tz') || defaultZone,
    top: TOP_CHOICES.includes(top) ? top : 10,
    q: text('q'),
  };
}

/** The URL's query for these filters: empty ones left out, the time zone always written. */
export function filtersToSearch(filters: Filters): string {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(filters)) {
    if (value !== '') params.set(name, String(value));
  }
  return `?${params.toString()}`;
}
