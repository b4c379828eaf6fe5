import world from 'world-map';
import { svgElement } from './insights-charts';

/** ColorBrewer's sequential Blues: one hue, lighter to darker, readable with colour blindness. */
export const SHADES = ['#c6dbef', '#9ecae1', '#6baed6', '#3182bd', '#08519c'];

/** The shade of a count among counts up to `largest`: five steps, none for zero. */
export function shadeOf(count: number, largest: number): string | undefined {
  if (count <= 0 || largest <= 0) return undefined;
  return SHADES[Math.min(SHADES.length - 1, Math.floor((count / largest) * SHADES.length))];
}

/**
 * The world map, its paths projected at build time; each country is shaded by its posts and carries
 * them in `data-posts` and its tooltip. The table beside it gives the same numbers in words.
 */
export function createWorldMap(container: HTMLElement, legend: HTMLElement) {
  const svg = svgElement('svg', { viewBox: `0 0 ${world.width} ${world.height}`, class: 'world' });
  svg.setAttribute('role', 'img');
  svg.setAttribute('aria-label', 'World map shaded by posts per country; the table gives the numbers');
  const shapes = world.countries.map((country) => {
    const path = svgElement('path', { d: country.d, 'data-country': country.code ?? '' });
    const title = svgElement('title', {});
    path.append(title);
    svg.append(path);
    return { country, path, title };
  });
  container.replaceChildren(svg);
  legend.replaceChildren(
    ...SHADES.map((shade, step) => {
      const item = document.createElement('li');
      const swatch = svgElement('svg', { viewBox: '0 0 10 10', width: '12', height: '12' });
      swatch.append(svgElement('rect', { width: '10', height: '10', fill: shade }));
      item.append(swatch, `${step * 20}–${(step + 1) * 20}% of the top country`);
      return item;
    }),
  );

  return (posts: Map<string, number>) => {
    const largest = Math.max(0, ...posts.values());
    for (const { country, path, title } of shapes) {
      const count = (country.code && posts.get(country.code)) || 0;
      const shade = shadeOf(count, largest);
      if (shade) path.setAttribute('fill', shade);
      else path.removeAttribute('fill');
      path.dataset.posts = String(count);
      title.textContent = `${country.name}: ${count.toLocaleString('en')} posts`;
    }
  };
}
