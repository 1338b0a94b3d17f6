// The booth's ballot as other apps show it: the office's preview draws each ballot of a package with
// these very components, styles and words before the package is signed (docs/election-package.md), so
// what the office approves is what the voter will see.
export { FitContext } from './paged.js';
export { LANGUAGES, translator, type Language, type Translate } from './i18n.js';
export { rulesText } from './readback.js';
export { MunicipalScheda, PartyListScheda, ReferendumScheda } from './scheda.js';
/** The booth's text sizes, as its settings offer them (the root's data-size). */
export const TEXT_SIZES = ['s', 'm', 'l'] as const;
