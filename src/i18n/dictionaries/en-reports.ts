import type { UiDictionary } from './zh-cn.ts';
import type { zhCNReports } from './zh-cn-reports.ts';

/** English interface text for reports; spread into ./en.ts. */
export const enReports: Pick<UiDictionary, keyof typeof zhCNReports> = {
  'report.title': 'Report a concern',
  'report.intro':
    'During the publicity period, anyone with information about the people or units in this notice, or about the notice itself, can report it here.',
  'report.period': (start, end) => `Reports are accepted from ${start} to ${end} (Beijing time).`,
  'report.notStarted': (start, end) =>
    `The publicity period runs from ${start} to ${end} and has not started yet. Reports can be sent here once it begins.`,
  'report.ended': (start, end) =>
    `The publicity period ran from ${start} to ${end} and has ended; reports are no longer accepted.`,
  'report.concerns': 'Concerning',
  'report.whole': 'The notice as a whole',
  'report.content': 'Your report',
  'report.contentHint':
    'Please be truthful and specific: who, when and what, so that it can be verified.',
  'report.count': (n, max) => `${n} / ${max} characters`,
  'report.over': (n, max) => `${n - max} characters too many (at most ${max})`,
  'report.realName':
    'Reports under your real name are encouraged: they can be verified and answered. Name and phone are optional.',
  'report.name': 'Name (optional)',
  'report.phone': 'Phone (optional)',
  'report.phoneHint': 'A mobile number, or a landline with its area code, e.g. 0519-86001234.',
  'report.private':
    'What you send is read only by the supervisors who verify reports; it is never published.',
  'report.submit': 'Send report',
  'report.sending': 'Sending…',
  'report.checking': 'Checking you are not a bot…',
  'report.botCheck': 'Bot check',
  'report.empty': 'Please write your report.',
  'report.tooLong': (max) => `A report may have at most ${max} characters; please shorten it.`,
  'report.nameTooLong': (max) => `A name may have at most ${max} characters.`,
  'report.phoneInvalid':
    'Enter a mobile number or a landline with its area code, or leave the field empty.',
  'report.networkError':
    'The connection failed. Your text is kept; check your connection and try again.',
  'report.botCheckError':
    'The bot check could not be loaded. Your text is kept; check your connection and try again.',
  'report.doneTitle': 'Your report has been received',
  'report.reference': 'Reference number',
  'report.received': (reference) =>
    `Your report has been received. Its reference number is ${reference}; please keep it with the check code.`,
  'report.checkCode': 'Check code',
  'report.keepCode':
    'The reference number and check code are shown only now. With both you can see the status of your report and the reply on the “Report status” page; the reference alone opens nothing.',
  'report.sentBefore':
    'Sent a report already? With its reference and check code you can see its status and the reply.',
  'report.statusLink': 'Check the status',
  'status.title': 'Report status',
  'status.intro':
    'Enter the reference number and the check code you were given when you sent your report to see its status and the reply. Your report’s text and your details are never shown.',
  'status.reference': 'Reference number',
  'status.referenceHint': 'For example JB-2026-7K3Q9M',
  'status.code': 'Check code',
  'status.codeHint': '8 letters and digits, capitals or not',
  'status.submit': 'Check',
  'status.sending': 'Checking…',
  'status.networkError': 'The connection failed. Check your connection and try again.',
  'status.malformed':
    'Not in the right form: a reference looks like JB-2026-7K3Q9M, a check code has 8 letters and digits (never 0, 1, I, O, L or U).',
  'status.result': 'Status',
  'status.notice': 'Notice',
  'status.received': 'Received, waiting to be verified',
  'status.verifying': 'Being verified',
  'status.concluded': 'Concluded',
  'status.receivedAt': 'Received',
  'status.verifyingSince': 'Verification began',
  'status.concludedAt': 'Concluded',
  'status.finding': 'Finding',
  'status.reply': 'Reply',
  'finding.substantiated': 'Substantiated',
  'finding.partly_substantiated': 'Partly substantiated',
  'finding.unsubstantiated': 'Not substantiated',
  'finding.unverifiable': 'Could not be verified',
  'status.noScript':
    'Checking needs JavaScript. You can also call the phone number in the notice and give your reference number.',
  'report.another': 'Send another report',
  'report.noScript':
    'Sending a report online needs JavaScript. You can also report by phone, post or in person, as the notice explains.',
  'report.otherChannels':
    'You can also report by phone, post or in person, as the notice explains.',
};
