// The public results page in German (page.ts has the Italian and the English).
export const PAGE_DE = {
  results: 'Ergebnisse', comune: 'Gemeinde', province: 'Provinz', sections: (n: number, of: number) => `Eingegangene Sprengel: ${n} von ${of}`, comuni: (n: number, of: number) => `Eingegangene Gemeinden: ${n} von ${of}`, training: 'ÜBUNGSWAHL: Dies sind keine echten Ergebnisse',
  turnout: 'Wahlbeteiligung', checkpoint: 'Erhebung', voters: 'Wähler', men: 'Männer', women: 'Frauen', total: 'Gesamt', missing: 'Sprengel, die nicht gemeldet haben', missingComuni: 'Gemeinden, die nicht gemeldet haben', none: 'keine',
  notYet: 'noch nicht gemeldet', partial: (n: number, of: number) => `${n} von ${of}`, reportedBy: 'Sprengel', reportedByComuni: 'Gemeinden', figures: 'Wahlberechtigte und Stimmzettel',
  electors: 'Wahlberechtigte', blank: 'Leere Stimmzettel', invalid: 'Ungültige Stimmzettel', contested: 'Angefochtene Stimmzettel', votes: 'Stimmen', share: '%', choice: 'Bezeichnung', decimal: ',',
  answer: { YES: 'JA', NO: 'NEIN' } as Record<string, string>, mayor: 'Bürgermeisterkandidaten', list: 'Listen', candidate: 'Direktkandidaten', preference: 'Vorzugsstimmen',
  bySection: 'Sprengel für Sprengel', byComune: 'Gemeinde für Gemeinde', section: 'Sprengel', comuneRow: 'Gemeinde', noneYet: 'Noch ist kein Sprengel eingegangen.', noComuneYet: 'Noch ist keine Gemeinde eingegangen.', downloads: 'Offene Daten', csv: 'Ergebnisse (CSV)', json: 'Ergebnisse (JSON)',
  tally: 'Vom Amt signierte Gemeindezusammenfassung', signature: 'Signatur', export: 'Öffentlicher Export des Sprengels', package: 'Signierte Zusammenfassung und Exporte der Sprengel der Gemeinde', name: 'Deutsch', chart: (what: string) => `Diagramm: ${what}`, live: 'Die Seite aktualisiert sich von selbst, sobald ein Sprengel eingeht.',
  at: (date: { readonly d: string; readonly m: string; readonly y: string }, time: string) => `${date.d}.${date.m}.${date.y} um ${time}`,
  office: 'Wahlamt', preparing: 'Das Wahlamt bereitet den Wahltag vor: Es ist noch kein Wahlpaket signiert. Wahlbeteiligung und Ergebnisse erscheinen hier, sobald es signiert ist.',
} as const;
