/**
 * `Intl` formatters and collators for the interface's language (pass `currentLanguage()`), made once per
 * language and options and then reused: a language change gets new ones, nothing formats dates or numbers
 * by hand, and nothing sorts names in the system's default locale.
 */
const dateTimeFormats = new Map<string, Intl.DateTimeFormat>();
const numberFormats = new Map<string, Intl.NumberFormat>();
const collators = new Map<string, Intl.Collator>();

export function dateTimeFormat(language: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${language}\n${JSON.stringify(options)}`;
  let format = dateTimeFormats.get(key);
  if (format === undefined) {
    format = new Intl.DateTimeFormat(language, options);
    dateTimeFormats.set(key, format);
  }
  return format;
}

export function numberFormat(language: string, options: Intl.NumberFormatOptions = {}): Intl.NumberFormat {
  const key = `${language}\n${JSON.stringify(options)}`;
  let format = numberFormats.get(key);
  if (format === undefined) {
    format = new Intl.NumberFormat(language, options);
    numberFormats.set(key, format);
  }
  return format;
}

/** For sorting names people read: `collator(currentLanguage(), { sensitivity: 'base', numeric: true }).compare`. */
export function collator(language: string, options: Intl.CollatorOptions = {}): Intl.Collator {
  const key = `${language}\n${JSON.stringify(options)}`;
  let made = collators.get(key);
  if (made === undefined) {
    made = new Intl.Collator(language, options);
    collators.set(key, made);
  }
  return made;
}
