import { describe, expect, it } from 'vitest';
import { fieldLang, localizeCampaign, localizeTrack } from '#src/i18n/localize-content.ts';

describe('English titles and names that staff may give', () => {
  it('shows the English title on English pages, with no lang of its own', () => {
    const row = {
      title: '2026年度评选',
      titleEn: 'The 2026 selection',
      organiser: '组织部',
      intro: '',
    };
    const en = localizeCampaign(row, 'en');
    expect(en.title).toBe('The 2026 selection');
    expect(fieldLang(en, 'title', 'en')).toBeUndefined();
    // Chinese pages keep the Chinese title.
    expect(localizeCampaign(row, 'zh-CN').title).toBe('2026年度评选');
    expect(localizeCampaign(row, 'zh-TW').title).toBe('2026年度評選');
  });

  it('falls back to the Chinese, marked as Chinese, where there is no English', () => {
    const track = { name: '担当作为好单位', nameEn: '  ', description: '说明', descriptionEn: '' };
    const en = localizeTrack(track, 'en');
    expect(en.name).toBe('担当作为好单位');
    expect(fieldLang(en, 'name', 'en')).toBe('zh-CN');
    expect(fieldLang(en, 'description', 'en')).toBe('zh-CN');
    expect(
      fieldLang(localizeTrack({ ...track, nameEn: 'Units' }, 'en'), 'name', 'en'),
    ).toBeUndefined();
    // On Chinese pages nothing needs a lang of its own.
    expect(fieldLang(localizeTrack(track, 'zh-TW'), 'name', 'zh-TW')).toBeUndefined();
  });
});
