/**
 * `Intl` formatters and collators for the interface's language (pass `currentLanguage()`), made once per
 * language and options and then reused: a language change gets new ones, nothing formats dates or numbers
 * by hand, and nothing sorts names in the system's default locale.
 */

/** One cache per kind of Intl object, keyed by language and options. */
function cachedPerLanguage<Options, Made>(make: (language: string, options: Options) => Made): (language: string, options: Options) => Made {
  const made = new Map<string, Made>();
  return (language, options) => {
    const key = `${language}\n${JSON.stringify(options)}`;
    let found = made.get(key);
    if (found === undefined) {
      found = make(language, options);
      made.set(key, found);
    }
    return found;
  };
}

const dateTimeFormats = cachedPerLanguage((language, options: Intl.DateTimeFormatOptions) => new Intl.DateTimeFormat(language, options));
const numberFormats = cachedPerLanguage((language, options: Intl.NumberFormatOptions) => new Intl.NumberFormat(language, options));
const collators = cachedPerLanguage((language, options: Intl.CollatorOptions) => new Intl.Collator(language, options));

export function dateTimeFormat(language: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  return dateTimeFormats(language, options);
}

export function numberFormat(language: string, options: Intl.NumberFormatOptions = {}): Intl.NumberFormat {
  return numberFormats(language, options);
}

/** For sorting names people read: `collator(currentLanguage(), { sensitivity: 'base', numeric: true }).compare`. */
export function collator(language: string, options: Intl.CollatorOptions = {}): Intl.Collator {
  return collators(language, options);
}
