// The keys of locales/en.json as a type, so that the compiler refuses a key no locale has.
type English = typeof import('../../locales/en.json', { with: { type: 'json' }});
type PluralForm = 'zero' | 'one' | 'two' | 'few' | 'many' | 'other';
/** `rows.added_one` and `rows.added_other` are both called as `rows.added` with a count. */
type WithoutPlural<Key extends string> = Key extends `${infer Base}_${PluralForm}` ? Base : Key;
type Paths<Tree> = {
  [Key in keyof Tree & string]: Tree[Key] extends string ? WithoutPlural<Key> : `${Key}.${Paths<Tree[Key]>}`;
}[keyof Tree & string];

/** Every key `t()` accepts: the dotted paths of locales/en.json, plural families by their base key. */
export type LocaleKey = Paths<English>;
