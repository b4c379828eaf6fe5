declare module 'iso-3166-2' {
  interface Subdivision {
    type: string;
    name: string;
  }
  /** Per ISO 3166-1 alpha-2 code: the country's name and its subdivisions by ISO 3166-2 code. */
  export const data: Record<string, { name: string; sub: Record<string, Subdivision> }>;
}
