export type Row = Record<string, string | number | null>;

/** RFC 4180 CSV: a header line of the keys, then one line per row; null is an empty cell. */
export function toCsv(keys: string[], rows: Row[]): string {
  const cell = (value: string | number | null | undefined) => {
    const text = value === null || value === undefined ? '' : String(value);
    return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
  };
  return [keys, ...rows.map((row) => keys.map((key) => row[key]))]
    .map((line) => line.map(cell).join(','))
    .join('\r\n')
    .concat('\r\n');
}

/** Saves text as a file through a temporary object URL (no request leaves the page). */
export function saveFile(name: string, type: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
