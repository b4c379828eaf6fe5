/**
 * 🇵🇹 is two regional indicator symbols, one per letter of the code; 🏴󠁧󠁢󠁳󠁣󠁴󠁿 (Scotland) is a black flag
 * followed by tag letters spelling a subdivision code (gbsct), whose first two letters are the country.
 */
const REGIONAL = /([\u{1F1E6}-\u{1F1FF}])([\u{1F1E6}-\u{1F1FF}])|\u{1F3F4}([\u{E0061}-\u{E007A}]{2})/u;

const letterOf = (symbol: string, first: number) => String.fromCharCode(symbol.codePointAt(0)! - first + 65);

/** The first flag's two-letter code, checked by the caller against the known codes. */
export function flagCodeOf(text: string): string | null {
  const match = REGIONAL.exec(text);
  if (!match) return null;
  if (match[3]) return [...match[3]].map((tag) => letterOf(tag, 0xe0061)).join('');
  return letterOf(match[1]!, 0x1f1e6) + letterOf(match[2]!, 0x1f1e6);
}
