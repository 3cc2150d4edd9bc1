import type { UiDictionary } from './zh-cn.ts';
import type { zhCNPrivacy } from './zh-cn-privacy.ts';

/** English text of the privacy statement (/privacy); spread into ./en.ts. */
export const enPrivacy: Pick<UiDictionary, keyof typeof zhCNPrivacy> = {
  'privacy.title': 'Privacy statement',
  'privacy.link': 'Privacy statement: what the site keeps, and for how long',
  'privacy.intro':
    'Following the Personal Information Protection Law of the People’s Republic of China, this site collects only the least information that voting and reporting need. This page says what it collects, how it is handled, how long it is kept and who can read it.',
  'privacy.vote.title': 'When you vote',
  'privacy.vote.noAccount':
    'Voting needs no account or login; the site does not ask for your name, phone number or ID number.',
  'privacy.vote.cookie': (days) =>
    `Device cookie: when you first open a ballot page, your browser receives a cookie named voter. It holds only a random number signed by the site, scripts cannot read it (HttpOnly), it lasts ${days} days, and it enforces the rule of so many ballots per device per day. The database keeps only a keyed hash of that number, never the number itself.`,
  'privacy.vote.address':
    'Network address: the site does not store your network address, only its hash under a random key of the day, for the daily limit per address and to detect vote stuffing. A day’s key is destroyed and overwritten when the next day ends; from then on those hashes cannot be matched with any address.',
  'privacy.vote.ballot':
    'Ballot: the candidates picked, the time and the receipt code are kept. The code is yours: whoever holds it can check whether the ballot was counted and what it picked, so do not show it around.',
  'privacy.vote.device':
    '“Receipts on this device” are kept only in your browser (local storage) and never sent to the site; clearing the browser’s data deletes them.',
  'privacy.botCheck.altcha':
    'Bot check: the site’s own check has your device solve a small computation. No third party is contacted and nothing personal is collected; a used proof is kept as a hash for one day so that it cannot be used again.',
  'privacy.botCheck.turnstile':
    'Bot check: this site uses Cloudflare Turnstile. Your browser talks to Cloudflare during the check, and the site sends the result and your network address to Cloudflare to verify it; a used proof is kept as a hash for one day.',
  'privacy.report.title': 'When you report a concern',
  'privacy.report.body':
    'A report during a publicity period needs its content; name and phone number are optional (giving them helps verification and a reply). Reports are never published: only the organisation department’s supervisors who verify them can read them, and every reading is written to the audit log. Devices and network addresses are handled as for ballots.',
  'privacy.keep.title': 'How long',
  'privacy.keep.body':
    'Ballots (with their hashes) and reports are the record of the selection and are kept as archive rules require; a day’s address key is destroyed when the next day ends; used bot-check proofs are kept for one day. The site’s logs never hold names, phone numbers, network addresses or the content of reports.',
  'privacy.who.title': 'Who can see what',
  'privacy.who.body':
    'The public sees only each candidate’s vote total, published after voting closes. Staff see what their role needs: those who monitor the vote see hashes and statistical signals, never network addresses; reports are read by supervisors only. The site does not give, sell or share your information to anyone else.',
  'privacy.contact.title': 'Contact',
  'privacy.contact.body':
    'For questions about this statement or your information, contact the organiser.',
};
