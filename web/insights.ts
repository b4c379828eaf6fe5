import { getJson } from './insights-api';
import { byId } from './insights-panel';
import { browserZone, filtersToSearch, readFilters, TOP_CHOICES, type Filters } from './insights-filters';
import {
  authorsPanel,
  overTimePanel,
  perCountryPanel,
  perHourPanel,
  perTagPanel,
  searchPanel,
  type TagLanguageRow,
} from './insights-panels';

const controls = {
  tag: byId<HTMLSelectElement>('filter-tag'),
  lang: byId<HTMLSelectElement>('filter-lang'),
  from: byId<HTMLInputElement>('filter-from'),
  to: byId<HTMLInputElement>('filter-to'),
  interval: byId<HTMLSelectElement>('filter-interval'),
  tz: byId<HTMLSelectElement>('filter-tz'),
  top: byId<HTMLSelectElement>('top'),
  q: byId<HTMLInputElement>('q'),
};

/** Adds the options a select lacks (keeping the chosen one), sorted after the fixed first ones. */
function offer(select: HTMLSelectElement, values: string[]): void {
  const known = new Set([...select.options].map((option) => option.value));
  for (const value of values) if (!known.has(value)) select.add(new Option(value, value));
}

function showFilters(filters: Filters): void {
  offer(controls.tag, filters.tag ? [filters.tag] : []);
  offer(controls.lang, filters.lang ? [filters.lang] : []);
  offer(controls.tz, [filters.tz]);
  controls.tag.value = filters.tag;
  controls.lang.value = filters.lang;
  controls.from.value = filters.from;
  controls.to.value = filters.to;
  controls.interval.value = filters.interval;
  controls.tz.value = filters.tz;
  controls.top.value = String(filters.top);
  controls.q.value = filters.q;
}

function filtersFromControls(): Filters {
  return readFilters(
    filtersToSearch({
      tag: controls.tag.value,
      lang: controls.lang.value,
      from: controls.from.value,
      to: controls.to.value,
      interval: controls.interval.value === 'hour' ? 'hour' : 'day',
      tz: controls.tz.value,
      top: Number(controls.top.value),
      q: controls.q.value.trim(),
    }),
  );
}

function start(): void {
  offer(controls.tz, ['UTC', browserZone(), ...Intl.supportedValuesOf('timeZone')]);
  offer(controls.top, TOP_CHOICES.map(String));
  const onTagsAndLanguages = (rows: TagLanguageRow[]) => {
    offer(controls.tag, [...new Set(rows.map((row) => row.rash))]);
    offer(controls.lang, [...new Set(rows.map((row) => row.lang))].sort());
  };
  // The choices are every stored tag and language, whatever the filters narrow the panels to.
  getJson<{ tweets_per_tags: TagLanguageRow[][] }>('/tweets_per_tag').then(
    (answer) => onTagsAndLanguages(answer.tweets_per_tags.flat()),
    () => undefined, // the per-tag panel says what went wrong
  );
  const panels = [
    overTimePanel(),
    perHourPanel(),
    perTagPanel(onTagsAndLanguages),
    perCountryPanel(),
    authorsPanel(),
    searchPanel(),
  ];
  let firstView = true;
  /**
   * Loads every panel; once all have drawn the newest filters, `data-ready` names them and the
   * measure `insights-view` tells how long it took (from the navigation for the first view).
   */
  const refresh = (filters: Filters) => {
    const view = filtersToSearch(filters);
    const started = firstView ? 0 : performance.now();
    firstView = false;
    document.body.dataset.filters = view;
    void Promise.all(panels.map((panel) => panel(filters))).then(() => {
      if (document.body.dataset.filters !== view) return;
      document.body.dataset.ready = view;
      requestAnimationFrame(() => performance.measure('insights-view', { start: started, detail: view }));
    });
  };
  const apply = () => {
    const filters = filtersFromControls();
    history.replaceState(null, '', `${location.pathname}${filtersToSearch(filters)}`);
    refresh(filters);
  };

  const initial = readFilters(location.search);
  showFilters(initial);
  history.replaceState(null, '', `${location.pathname}${filtersToSearch(initial)}`);
  refresh(initial);
  for (const control of [
    controls.tag,
    controls.lang,
    controls.from,
    controls.to,
    controls.interval,
    controls.tz,
    controls.top,
  ]) {
    control.addEventListener('change', apply);
  }
  byId<HTMLFormElement>('search-form').addEventListener('submit', (event) => {
    event.preventDefault();
    apply();
  });
  byId<HTMLFormElement>('filters').addEventListener('submit', (event) => event.preventDefault());
}

start();
