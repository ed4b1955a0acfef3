/** The few parts of opentype.js (which ships no types) that the pictures use. */
declare module 'opentype.js' {
  /** One step of a glyph's outline, in font units, y upwards. */
  export type PathCommand =
    | { type: 'M' | 'L'; x: number; y: number }
    | { type: 'Q'; x1: number; y1: number; x: number; y: number }
    | { type: 'C'; x1: number; y1: number; x2: number; y2: number; x: number; y: number }
    | { type: 'Z' };
  export interface Glyph {
    index: number;
    /** In font units; missing for a glyph that does not advance. */
    advanceWidth?: number;
    /** Read from the font when first asked for, then kept. */
    readonly path: { commands: PathCommand[] };
  }
  /** Opaque: what Font.position hands back and takes. */
  export type KerningLookups = { readonly __kerningLookups: unique symbol }[];
  export interface Font {
    unitsPerEm: number;
    /** The glyph the font maps a character to, or its .notdef glyph (index 0). */
    charToGlyph(character: string): Glyph;
    /** The font's GPOS table: its kerning. */
    position: {
      /** The lookups of the kern feature for a script (`latn`, `cyrl`, `DFLT`), if the font has any. */
      getKerningTables(script: string): KerningLookups | undefined;
      /** A pair's kerning in font units under those lookups; 0 when they do not kern it. */
      getKerningValue(lookups: KerningLookups, left: number, right: number): number;
    };
  }
  const opentype: {
    /** With lowMemory, a glyph is read from the font's bytes when first asked for, not all of them at once. */
    parse(buffer: ArrayBuffer, options?: { lowMemory?: boolean }): Font;
  };
  export default opentype;
}
