/** The world map, projected at build time by scripts/world-map.ts (see scripts/build-web.ts). */
declare module 'world-map' {
  const map: {
    width: number;
    height: number;
    countries: { code: string | null; name: string; d: string }[];
  };
  export default map;
}
