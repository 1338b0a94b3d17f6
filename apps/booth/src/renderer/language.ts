// The languages the booth speaks and shows, apart from the catalogues, so that what reads them
// (spoken.ts) and the catalogue that re-exports it (i18n.ts) do not import each other.
export type Language = 'it' | 'de' | 'en';
