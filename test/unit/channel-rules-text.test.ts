import { describe, expect, it } from 'vitest';
import { channelRulesText } from '#src/i18n/channel-rules-text.ts';
import { uiFor } from '#src/i18n/ui.ts';

const online = {
  paperChannel: false,
  onsiteChannel: false,
  weightOnline: null,
  weightPaper: null,
  weightOnsite: null,
};

describe('the rules page says how a track is voted', () => {
  it('says nothing more for an online-only track', () => {
    expect(channelRulesText(online, uiFor('zh-CN'))).toEqual([]);
  });

  it('names the channels and says their votes add when there are no weights', () => {
    const track = { ...online, paperChannel: true, onsiteChannel: true };
    expect(channelRulesText(track, uiFor('zh-CN'))).toEqual([
      '投票渠道：网络投票、纸质选票、现场投票。',
      '各渠道票数直接相加：候选对象的得票数为各渠道有效得票之和。',
    ]);
    expect(channelRulesText(track, uiFor('zh-TW'))[0]).toBe(
      '投票渠道：網絡投票、紙質選票、現場投票。',
    );
    expect(channelRulesText(track, uiFor('en'))[1]).toMatch(/simply add/);
  });

  it('states the weighted formula with every channel the track runs', () => {
    const track = {
      ...online,
      paperChannel: true,
      weightOnline: 40,
      weightPaper: 60,
      weightOnsite: 0,
    };
    const [, formula] = channelRulesText(track, uiFor('zh-CN'));
    expect(formula).toBe(
      '按渠道加权综合排名：综合得分 = 网络投票得票率 × 40% + 纸质选票得票率 × 60%；某渠道得票率 = 该渠道得票数 ÷ 该渠道有效选票数 × 100。',
    );
    expect(channelRulesText(track, uiFor('en'))[1]).toContain(
      'score = 40% × online vote share + 60% × paper ballots vote share',
    );
  });
});
