/**
 * The teller's keyboard entry of paper ballots: serial, Enter, picks, Enter; no mouse. The
 * serial's check digit is checked here first (a typo is caught before the round trip); the
 * server checks everything again and decides validity from the track's rule.
 */
import { groupSerial, parseSerial } from '../domain/paper/compute-check-digit.ts';
import { staffFetch } from './admin-form.ts';

interface Entered {
  serial: string;
  picks: number[];
  invalidReason: string | null;
  pass: number;
  corrected: boolean;
}

const serialMessages = {
  serial_malformed: '选票编号应为 8 位数字，请对照选票重新输入。',
  serial_check_digit: '选票编号的校验位不符：可能输错了一位或颠倒了相邻两位，请重新输入。',
} as const;

const ballotNumber = (n: number) => `${String(n).padStart(2, '0')}号`;

/** What the teller typed as picks: numbers, `0` for none, `*` for unreadable. */
function readPicks(text: string): { picks: number[]; unreadable: boolean } | string {
  const t = text.trim();
  if (t === '') return '请输入所选编号：未选任何人输入 0，无法辨认输入 *。';
  if (t === '*') return { picks: [], unreadable: true };
  if (t === '0') return { picks: [], unreadable: false };
  const parts = t.split(/[\s,，、.;；+]+/).filter((p) => p !== '');
  if (!parts.every((p) => /^\d{1,4}$/.test(p) && Number(p) > 0)) {
    return '所选编号只能是数字，用空格分隔（未选输入 0，无法辨认输入 *）。';
  }
  return { picks: parts.map(Number), unreadable: false };
}

export function wirePaperEntry(): void {
  const form = document.querySelector<HTMLFormElement>('form[data-paper-entry]');
  if (!form) return;
  const batchId = form.dataset.paperEntry!;
  const reasons = JSON.parse(form.dataset.reasons ?? '{}') as Record<string, string>;
  const serial = form.querySelector<HTMLInputElement>('#serial')!;
  const picks = form.querySelector<HTMLInputElement>('#picks')!;
  const status = form.querySelector<HTMLElement>('[data-entry-status]')!;
  const rows = document.querySelector<HTMLTableSectionElement>('[data-entries] tbody')!;
  const passNote = document.querySelector<HTMLElement>('[data-pass-note]');
  let busy = false;
  let total = Number(passNote?.dataset.total ?? '0');

  const say = (text: string, kind: 'ok' | 'error') => {
    status.textContent = text;
    status.classList.toggle('is-error', kind === 'error');
  };
  const again = (input: HTMLInputElement) => {
    input.focus();
    input.select();
  };

  form.addEventListener('submit', (e) => e.preventDefault());

  // Whether the serial typed is one; if not, says why and selects it to be typed again.
  const serialTyped = () => {
    const parsed = parseSerial(serial.value);
    if (!parsed.ok) {
      say(serialMessages[parsed.reason], 'error');
      again(serial);
    }
    return parsed.ok;
  };

  serial.addEventListener('keydown', (e) => {
    if (e.key !== 'Enter') return;
    e.preventDefault();
    if (!serialTyped()) return;
    picks.focus();
    picks.select();
  });

  picks.addEventListener('keydown', async (e) => {
    if (e.key !== 'Enter' || busy) return;
    e.preventDefault();
    if (!serialTyped()) return;
    const read = readPicks(picks.value);
    if (typeof read === 'string') {
      say(read, 'error');
      again(picks);
      return;
    }
    busy = true;
    const res = await staffFetch<{ entry: Entered }>(
      'POST',
      `/api/staff/batches/${batchId}/entries`,
      { serial: serial.value, ...read, correction: e.ctrlKey || e.metaKey },
    );
    busy = false;
    if (!res.ok) {
      const err = res.data.error as { message?: string; reason?: string } | undefined;
      say(err?.message ?? '保存失败，请重试。', 'error');
      // A wrong serial is typed again; otherwise the picks (and Ctrl+Enter corrects).
      const reason = err?.reason ?? '';
      again(reason.startsWith('serial_') && reason !== 'serial_already_entered' ? serial : picks);
      return;
    }
    const entry = res.data.entry;
    const shown = entry.picks.map(ballotNumber).join('、') || '—';
    const verdict = entry.invalidReason ? `无效：${reasons[entry.invalidReason]}` : '有效';
    say(
      `${entry.corrected ? '已更正' : '已录入'} ${groupSerial(entry.serial)}：${shown}（${verdict}）`,
      'ok',
    );
    if (entry.corrected) {
      // The earlier reading of this serial stays listed, marked as corrected.
      for (const old of rows.rows) {
        if (old.cells[0]?.textContent === groupSerial(entry.serial)) {
          old.classList.add('replaced');
          old.cells[2]!.textContent = '已被更正';
        }
      }
    }
    const row = rows.insertRow(0);
    for (const text of [groupSerial(entry.serial), shown, verdict]) {
      row.insertCell().textContent = text;
    }
    if (passNote) {
      if (!entry.corrected) total++;
      passNote.textContent = `您在录入第 ${entry.pass} 遍，已录入 ${total} 张。`;
    }
    serial.value = '';
    picks.value = '';
    serial.focus();
  });
}
