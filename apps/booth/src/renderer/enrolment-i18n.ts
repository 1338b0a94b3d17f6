// What the president reads on the booth before voting opens (docs/design.md §6): the booth's enrolment,
// its certificate imported or refused, the console to confirm. Italian, German and English, in the
// register of the president's console (the infinitive).
import type { Language } from './i18n.js';

const it = {
  'unenrolled.title': 'Cabina non registrata',
  'unenrolled.text': "Importare il certificato di questa cabina dal supporto rimovibile (cartella macchine), rilasciato dall'ufficio elettorale per la sua impronta.",
  'unenrolled.none': 'Nessun certificato sul supporto rimovibile.',
  'unenrolled.import': 'Importare {file}',
  machine: 'Identificativo della cabina',
  'confirm.title': 'Confermare la postazione del seggio',
  'confirm.text': "Confrontare l'identificativo e l'impronta con quelli mostrati dalla postazione del presidente. Solo se coincidono, confermare.",
  'confirm.machine': 'Identificativo della postazione',
  'confirm.fingerprint': 'Impronta della postazione',
  'confirm.accept': 'Coincidono: confermare la postazione',
  'confirm.refuse': 'Non coincidono: rifiutare',
  'notice.certificate-imported': 'Certificato importato: questa è la cabina {machine}.',
  'notice.certificate-not-a-name': '{file}: non è il nome di un file di certificato',
  'notice.certificate-after-pairing': "Il certificato si importa prima dell'abbinamento: questa cabina è già abbinata.",
  'notice.certificate-missing': '{file}: non trovato',
  'notice.certificate-signature-missing': "{file}: non trovato; il certificato deve avere la firma dell'ufficio elettorale",
  'notice.certificate-too-large': '{file}: troppo grande per un certificato',
  'notice.certificate-unreadable': '{file}: non è un certificato di macchina ({reason})',
  'notice.certificate-not-office': "{file}: firmato con la chiave {signer}, non con quella dell'ufficio elettorale",
  'notice.certificate-bad-signature': '{file}: la firma non corrisponde: il certificato è stato modificato dopo la firma',
  'notice.certificate-other-role': '{file}: registra una postazione del presidente, non una cabina',
  'notice.certificate-other-key': "{file}: è per un'altra chiave (macchina {machine}), non per quella di questa cabina",
  'notice.console-unreadable': 'Postazione {fingerprint} rifiutata: il suo certificato non è leggibile',
  'notice.console-not-office': "Postazione {fingerprint} rifiutata: non è registrata dall'ufficio elettorale",
  'notice.console-bad-signature': 'Postazione {fingerprint} rifiutata: il suo certificato è stato modificato dopo la firma',
  'notice.console-other-role': 'Postazione {fingerprint} rifiutata: il suo certificato è quello di una cabina ({machine})',
  'notice.console-other-key': "Postazione {fingerprint} rifiutata: presenta il certificato della macchina {machine}, che è per un'altra chiave",
  'notice.console-other-comune': 'Postazione {fingerprint} rifiutata: è registrata per un altro comune ({comune})',
  'notice.console-other-machine': "Postazione {fingerprint} rifiutata: l'allestimento non nomina la sua macchina {machine}",
  'notice.console-not-confirmed': 'Postazione {machine} ({fingerprint}) rifiutata dal presidente',
  'notice.booth-unenrolled': 'Un allestimento è arrivato, ma questa cabina non è ancora registrata: importare prima il suo certificato.',
  'notice.other': 'Operazione rifiutata ({code})',
};
type Key = keyof typeof it;

const de: Record<Key, string> = {
  'unenrolled.title': 'Kabine nicht registriert',
  'unenrolled.text': 'Das Zertifikat dieser Kabine vom Wechseldatenträger (Ordner macchine) importieren, das das Wahlamt für ihren Fingerabdruck ausgestellt hat.',
  'unenrolled.none': 'Kein Zertifikat auf dem Wechseldatenträger.',
  'unenrolled.import': '{file} importieren',
  machine: 'Kennung der Kabine',
  'confirm.title': 'Den Platz des Vorsitzenden bestätigen',
  'confirm.text': 'Kennung und Fingerabdruck mit denen am Platz des Vorsitzenden vergleichen. Nur wenn sie übereinstimmen, bestätigen.',
  'confirm.machine': 'Kennung des Platzes',
  'confirm.fingerprint': 'Fingerabdruck des Platzes',
  'confirm.accept': 'Stimmen überein: Platz bestätigen',
  'confirm.refuse': 'Stimmen nicht überein: ablehnen',
  'notice.certificate-imported': 'Zertifikat importiert: dies ist die Kabine {machine}.',
  'notice.certificate-not-a-name': '{file}: kein Name einer Zertifikatsdatei',
  'notice.certificate-after-pairing': 'Das Zertifikat wird vor der Kopplung importiert: diese Kabine ist schon gekoppelt.',
  'notice.certificate-missing': '{file}: nicht gefunden',
  'notice.certificate-signature-missing': '{file}: nicht gefunden; das Zertifikat braucht die Signatur des Wahlamts',
  'notice.certificate-too-large': '{file}: zu groß für ein Zertifikat',
  'notice.certificate-unreadable': '{file}: kein Gerätezertifikat ({reason})',
  'notice.certificate-not-office': '{file}: mit dem Schlüssel {signer} signiert, nicht mit dem des Wahlamts',
  'notice.certificate-bad-signature': '{file}: die Signatur passt nicht: das Zertifikat wurde nach der Signatur geändert',
  'notice.certificate-other-role': '{file}: registriert einen Platz des Vorsitzenden, keine Kabine',
  'notice.certificate-other-key': '{file}: gilt für einen anderen Schlüssel (Gerät {machine}), nicht für den dieser Kabine',
  'notice.console-unreadable': 'Platz {fingerprint} abgelehnt: sein Zertifikat ist nicht lesbar',
  'notice.console-not-office': 'Platz {fingerprint} abgelehnt: nicht vom Wahlamt registriert',
  'notice.console-bad-signature': 'Platz {fingerprint} abgelehnt: sein Zertifikat wurde nach der Signatur geändert',
  'notice.console-other-role': 'Platz {fingerprint} abgelehnt: sein Zertifikat ist das einer Kabine ({machine})',
  'notice.console-other-key': 'Platz {fingerprint} abgelehnt: er zeigt das Zertifikat des Geräts {machine}, das für einen anderen Schlüssel gilt',
  'notice.console-other-comune': 'Platz {fingerprint} abgelehnt: für eine andere Gemeinde registriert ({comune})',
  'notice.console-other-machine': 'Platz {fingerprint} abgelehnt: die Einrichtung nennt sein Gerät {machine} nicht',
  'notice.console-not-confirmed': 'Platz {machine} ({fingerprint}) vom Vorsitzenden abgelehnt',
  'notice.booth-unenrolled': 'Eine Einrichtung ist eingetroffen, aber diese Kabine ist noch nicht registriert: zuerst ihr Zertifikat importieren.',
  'notice.other': 'Vorgang abgelehnt ({code})',
};

const en: Record<Key, string> = {
  'unenrolled.title': 'Booth not enrolled',
  'unenrolled.text': "Import this booth's certificate from the removable drive (folder macchine), issued by the electoral office for its fingerprint.",
  'unenrolled.none': 'No certificate on the removable drive.',
  'unenrolled.import': 'Import {file}',
  machine: 'Booth machine id',
  'confirm.title': "Confirm the president's console",
  'confirm.text': "Compare the machine id and the fingerprint with those the president's console shows. Confirm only if they match.",
  'confirm.machine': 'Console machine id',
  'confirm.fingerprint': 'Console fingerprint',
  'confirm.accept': 'They match: confirm the console',
  'confirm.refuse': 'They differ: refuse',
  'notice.certificate-imported': 'Certificate imported: this is booth {machine}.',
  'notice.certificate-not-a-name': '{file}: not a certificate file name',
  'notice.certificate-after-pairing': 'The certificate is imported before pairing: this booth is already paired.',
  'notice.certificate-missing': '{file}: not found',
  'notice.certificate-signature-missing': "{file}: not found; the certificate must come with the electoral office's signature",
  'notice.certificate-too-large': '{file}: too large for a certificate',
  'notice.certificate-unreadable': '{file}: not a machine certificate ({reason})',
  'notice.certificate-not-office': "{file}: signed by key {signer}, not by the electoral office's key",
  'notice.certificate-bad-signature': '{file}: the signature does not match: the certificate was changed after signing',
  'notice.certificate-other-role': "{file}: enrols a president's console, not a booth",
  'notice.certificate-other-key': "{file}: is for another key (machine {machine}), not for this booth's",
  'notice.console-unreadable': 'Console {fingerprint} refused: its certificate cannot be read',
  'notice.console-not-office': 'Console {fingerprint} refused: not enrolled by the electoral office',
  'notice.console-bad-signature': 'Console {fingerprint} refused: its certificate was changed after signing',
  'notice.console-other-role': "Console {fingerprint} refused: its certificate is a booth's ({machine})",
  'notice.console-other-key': "Console {fingerprint} refused: it presents machine {machine}'s certificate, which is for another key",
  'notice.console-other-comune': 'Console {fingerprint} refused: enrolled for another comune ({comune})',
  'notice.console-other-machine': 'Console {fingerprint} refused: the set-up does not name its machine {machine}',
  'notice.console-not-confirmed': 'Console {machine} ({fingerprint}) refused by the president',
  'notice.booth-unenrolled': 'A set-up arrived, but this booth is not enrolled yet: import its certificate first.',
  'notice.other': 'Refused ({code})',
};

const CATALOGUE: Record<Language, Record<Key, string>> = { it, de, en };
export const ENROLMENT_CATALOGUES = CATALOGUE;

export type EnrolmentTranslate = (key: Key, params?: Readonly<Record<string, string>>) => string;

export function enrolmentTranslator(language: Language): EnrolmentTranslate {
  return (key, params = {}) => CATALOGUE[language][key].replace(/\{(\w+)\}/g, (_, name: string) => params[name] ?? `{${name}}`);
}

/** A notice of the booth service, in words: its code's text, or the general one. */
export function noticeText(t: EnrolmentTranslate, notice: { code: string; params: Readonly<Record<string, string>> }): string {
  const key = `notice.${notice.code}`;
  return key in it ? t(key as Key, notice.params) : t('notice.other', { code: notice.code });
}
