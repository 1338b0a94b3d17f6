// How the screens of the president and of the office's staff write a date and a time: each language
// as it is written in Italy (English's as in Britain: the day before the month, the 24-hour clock),
// in the election's zone. A time that cannot be written so (not a time, or a zone this browser does
// not know) is given as it came, rather than stopping the screen.

const LOCALES: Readonly<Record<string, string>> = { it: 'it-IT', de: 'de-IT', en: 'en-GB' };
const formats = new Map<string, Intl.DateTimeFormat>();

export function writtenTime(at: string, language: string, timeZone: string, options: Intl.DateTimeFormatOptions): string {
  const date = new Date(at);
  if (Number.isNaN(date.getTime())) return at;
  const key = `${language} ${timeZone} ${JSON.stringify(options)}`;
  try {
    let format = formats.get(key);
    if (!format) {
      format = new Intl.DateTimeFormat(LOCALES[language] ?? language, { ...options, timeZone, hourCycle: 'h23' });
      if (formats.size < 64) formats.set(key, format);
    }
    return format.format(date);
  } catch {
    return at;
  }
}
