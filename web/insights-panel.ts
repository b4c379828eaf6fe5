import { ApiError } from './insights-api';
import { saveFile, toCsv, type Row } from './insights-download';

export interface Column {
  key: string;
  label: string;
  /** how the table shows a value; the downloads keep the API's value */
  format?: (value: Row[string], row: Row) => string | Node;
  numeric?: boolean;
}

export const formatCount = (value: Row[string]) => Number(value).toLocaleString('en');

const NO_DATA =
  'No posts yet: the database is empty or its first collection is still running. Try again in a minute.';

/**
 * One panel of the insights page: its table (the chart's numbers, for everyone and screen readers),
 * its state (loading, ready, empty, error) and its CSV and JSON downloads of the rows shown.
 */
export function createPanel(
  section: HTMLElement,
  columns: Column[],
  fileName: string,
  keys = columns.map((column) => column.key),
) {
  const status = requireChild<HTMLParagraphElement>(section, '.panel-status');
  const table = requireChild<HTMLTableElement>(section, 'table');
  const head = table.createTHead().insertRow();
  for (const column of columns) {
    const cell = document.createElement('th');
    cell.scope = 'col';
    cell.textContent = column.label;
    if (column.numeric) cell.className = 'numeric';
    head.append(cell);
  }
  const body = table.tBodies[0] ?? table.createTBody();
  let rows: Row[] = [];

  section.querySelector('[data-download="csv"]')?.addEventListener('click', () => {
    saveFile(`${fileName}.csv`, 'text/csv', toCsv(keys, rows));
  });
  section.querySelector('[data-download="json"]')?.addEventListener('click', () => {
    saveFile(`${fileName}.json`, 'application/json', `${JSON.stringify(rows, null, 2)}\n`);
  });

  const setState = (state: 'loading' | 'ready' | 'empty' | 'error', message = '') => {
    section.dataset.state = state;
    section.setAttribute('aria-busy', String(state === 'loading'));
    status.textContent = message;
  };

  return {
    loading() {
      setState('loading', 'Loading…');
    },
    show(newRows: Row[], emptyMessage = NO_DATA) {
      rows = newRows;
      body.replaceChildren(...rows.map((row) => renderRow(columns, row)));
      setState(rows.length ? 'ready' : 'empty', rows.length ? '' : emptyMessage);
    },
    fail(error: unknown) {
      rows = [];
      body.replaceChildren();
      setState('error', error instanceof ApiError ? error.message : `Something went wrong: ${String(error)}`);
    },
  };
}

export type Panel = ReturnType<typeof createPanel>;

function renderRow(columns: Column[], row: Row): HTMLTableRowElement {
  const line = document.createElement('tr');
  for (const column of columns) {
    const cell = line.insertCell();
    const value = row[column.key] ?? null;
    cell.append(column.format ? column.format(value, row) : String(value ?? ''));
    if (column.numeric) cell.className = 'numeric';
  }
  return line;
}

export function requireChild<T extends Element>(parent: ParentNode, selector: string): T {
  const element = parent.querySelector<T>(selector);
  if (!element) throw new Error(`${selector} is missing`);
  return element;
}

export function byId<T extends HTMLElement>(id: string): T {
  const element = document.getElementById(id);
  if (!element) throw new Error(`#${id} is missing`);
  return element as T;
}
