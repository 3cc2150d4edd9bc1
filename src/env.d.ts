declare namespace App {
  interface Locals {
    services: import('./server/services.ts').Services;
    /** The reader's language, chosen by src/middleware.ts. */
    locale: import('./i18n/locales.ts').Locale;
  }
}
