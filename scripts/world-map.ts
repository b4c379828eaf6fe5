import { geoEqualEarth, geoPath } from 'd3-geo';
import { numericToAlpha2 } from 'i18n-iso-countries';
import { feature } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';
import world from 'world-atlas/countries-110m.json';

export const MAP_WIDTH = 960;
export const MAP_HEIGHT = 470;

export interface MapCountry {
  /** ISO 3166-1 alpha-2, or null for the few Natural Earth shapes without one (N. Cyprus, Somaliland...) */
  code: string | null;
  name: string;
  /** SVG path data, already projected */
  d: string;
}

/**
 * The world map of the insights page, projected once at build time (Equal Earth, 1:110m Natural Earth
 * shapes from world-atlas) so the browser gets plain SVG paths and no map library or tile server.
 */
export function projectWorld(): MapCountry[] {
  const topology = world as unknown as Topology<{ countries: GeometryCollection<{ name: string }> }>;
  const countries = feature(topology, topology.objects.countries);
  const projection = geoEqualEarth().fitSize([MAP_WIDTH, MAP_HEIGHT], countries);
  const path = geoPath(projection).digits(1);
  return countries.features
    .map((country) => ({
      code: country.id === undefined ? null : (numericToAlpha2(country.id) ?? null),
      name: country.properties.name,
      d: path(country) ?? '',
    }))
    .filter((country) => country.d !== '');
}
