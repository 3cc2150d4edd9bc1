import type { UiDictionary } from './zh-cn.ts';
import type { zhCNOpenData } from './zh-cn-open-data.ts';

/** English interface text for open data; spread into ./en.ts. */
export const enOpenData: Pick<UiDictionary, keyof typeof zhCNOpenData> = {
  'poster.print': 'Print poster',
  'poster.printHint': 'Print on one sheet of A4.',
  'poster.backToCampaign': 'Back to the selection',
  'poster.backToProfile': 'Back to the profile',
  'poster.year': (year) => `${year}`,
  'poster.period': 'Voting period',
  'poster.periodValue': (from, to) => `${from} to ${to} (Beijing time)`,
  'poster.periodUnset': 'The voting period will be announced',
  'poster.howTo': 'How to vote',
  'poster.stepScan': 'Scan the QR code with your phone to open the selection’s page.',
  'poster.stepRead': 'Read the candidates’ deeds and pick the ones you support.',
  'poster.stepRule': (track, max, perDay) =>
    `${track}: up to ${max} per ballot, ${perDay} ${perDay === 1 ? 'ballot' : 'ballots'} per device a day.`,
  'poster.stepSubmit':
    'Pass the bot check and submit: a receipt code shows that your vote counted.',
  'poster.scanToVote': 'Scan to vote',
  'poster.scanToRead': 'Scan to read the full deeds',
  'poster.campaignQrAlt': (title) => `QR code: the page of ${title}`,
  'poster.profileQrAlt': (name) => `QR code: the profile of ${name}`,
  'poster.photoAlt': (name) => `Photo of ${name}`,
  'poster.summary': 'In brief',
  'poster.orVisit': 'or visit',
  'board.title': (title) => `${title}: candidates’ deeds`,
  'board.label': 'Candidates’ deeds, one after another',
  'board.slide': (i, n) => `${i} of ${n}`,
  'board.progress': (i, n) => `${i} / ${n}`,
  'board.votes': 'Votes so far',
  'board.votesAfterClose': 'Votes',
  'board.empty': 'No candidates of this selection are public yet.',
  'board.scanToVote': 'Scan to vote',
  'board.scanToRead': 'Scan to read more',
  'board.pause': 'Pause',
  'board.resume': 'Resume',
  'openData.title': 'Open data',
  'openData.intro':
    'The selection results and the notices published here can be downloaded and subscribed to, for the press, researchers and the public to read, check and reuse. The data follow the pages; a selection that hides counts during its vote has no vote counts until voting has closed and its results are certified.',
  'openData.feed': 'Notice feed',
  'openData.feedText':
    'Subscribe to the publicity notices (Atom) in a feed reader: every notice, correction, outcome of a publicity and naming decision arrives with its full text.',
  'openData.decisions': 'Naming decisions',
  'openData.campaigns': 'Results of each selection',
  'openData.notices': 'Notices',
  'openData.page': 'Page',
  'openData.csv': 'CSV',
  'openData.csvZh': 'CSV (Chinese header)',
  'openData.json': 'JSON',
  'openData.csvFormat':
    'CSV files are UTF-8 with a byte-order mark (they open directly in Excel or WPS), every cell quoted; a cell starting with = + - @ gets a leading apostrophe so that spreadsheets never run it as a formula. Add ?header=zh for a Chinese header row.',
  'openData.resultsColumns': 'Columns of the results',
  'openData.noticeColumns': 'Columns of a notice',
  'openData.column': 'Column',
  'openData.columnZh': 'Chinese header',
  'openData.meaning': 'Meaning',
  'openData.statuses': 'What the status codes mean',
  'openData.code': 'Code',
  'openData.api': 'For developers',
  'openData.apiText':
    'All of this, and checking a receipt, is also a JSON API, described by an OpenAPI 3.1 document:',
  'openData.apiLink': 'the OpenAPI document',
  'openData.certificate': 'certificate',
  'openData.certificateTitle': 'Certified results, and checking them',
  'openData.certificateText':
    'After the close staff review the ballots, void those found invalid, then certify the results, which freezes the figures. The certificate gives per category the ballots received, voided per day of voting and reason category, and counted, and per candidate the votes, the votes lost with voided ballots and the share; never a voter’s network address or device. It is canonical JSON: object keys sorted, no whitespace outside strings, Chinese written as UTF-8, integers only (a share is text, such as "0.2512"). Any SHA-256 tool run on the file prints the SHA-256 given on the results page, in the JSON and in the CSV; every total in it can be recomputed by adding up the figures per day and per reason category.',
};
