declare namespace App {
  interface Locals {
    services: import('./server/services.ts').Services;
    /** The reader's language, chosen by src/middleware.ts. */
    locale: import('./i18n/locales.ts').Locale;
    /** On admin pages: the signed-in staff member (src/middleware.ts). */
    staff?: import('./domain/staff/resolve-staff-session.ts').StaffSessionContext;
    /** A staff member previewing public pages (`?preview`) before the list is published. */
    preview?: boolean;
    /** The page changes at this instant (ms since 1970): the page cache drops it then. */
    pageExpiresAt?: number;
    /** The page must not be cached (src/server/page-expiry.ts). */
    pageNotCached?: true;
  }
}
