import type { CampaignStage } from '../schemas/enums.ts';
import { adminText, formatAdminTime } from './admin-text.ts';

export interface StageMoveFacts {
  to: CampaignStage;
  /** Shortlisted candidates, the list that goes public with the vote stage. */
  shortlisted: number;
  voteOpensAt: Date | null;
  voteClosesAt: Date | null;
  now: Date;
  /** Shortlisted candidates without a photo or with placeholder deeds (public-vote move only). */
  warnings?: number;
}

/**
 * What moving a campaign into a stage does in public, in the words of the confirmation: the
 * stage move, not the vote's opening time, is what publishes the list; staff moved a campaign a
 * year early believing nothing would show before its vote opened.
 */
export function stageMoveConsequences(f: StageMoveFacts): string[] {
  const when = (d: Date | null) => (d ? formatAdminTime(d) : '（未设置）');
  switch (f.to) {
    case 'review':
      return ['初审入围阶段不公开任何候选对象；活动介绍和进程在公开网站上照常显示。'];
    case 'public_vote': {
      const lines = [
        `确认后立即公开：已入围的 ${f.shortlisted} 个候选对象的名单、照片和事迹，任何人都能在公开网站上看到，不会等到投票开始。`,
        `投票时间：${when(f.voteOpensAt)} 至 ${when(f.voteClosesAt)}（北京时间）。投票开始前，页面显示“投票尚未开始”。`,
        '进入后各类别的名额和投票规则冻结，不能再修改。',
      ];
      if (f.warnings) {
        lines.push(
          `其中 ${f.warnings} 个对象没有照片或事迹像是占位文字（见页面上的提醒），会照样公开。`,
        );
      }
      if (f.voteOpensAt && f.voteOpensAt.getTime() - f.now.getTime() > 7 * 86_400_000) {
        const days = Math.floor((f.voteOpensAt.getTime() - f.now.getTime()) / 86_400_000);
        lines.unshift(`注意：投票还有 ${days} 天才开始，名单会提前这么久公开。`);
      }
      return lines;
    }
    case 'second_shortlist':
      return ['公开网站显示投票已结束；票数按活动设置公开。此后不再接受投票。'];
    case 'committee_vote':
      return ['公开网站不新增内容；可以记录常委会差额票决。'];
    case 'publicity':
      return [
        '群众投票结果成为定局，不能再作废选票；常委会票决结果不能再修改。',
        '公示要在“公示”页另行发布，发布后才对公众可见。',
      ];
    case 'concluded':
      return [
        '评选结束，活动页面和公示作为往届评选保留，公众照常可查。',
        '命名决定要在“命名决定”页另行起草和发布，发布后才对公众可见。',
      ];
    default:
      return [];
  }
}

/** The confirmation dialog's text for a stage move. */
export function stageMoveConfirmation(f: StageMoveFacts): string {
  return [
    `确定将活动推进到“${adminText.stages[f.to]}”阶段吗？`,
    ...stageMoveConsequences(f),
    '此操作会记入审计日志，不能撤回。',
  ].join('\n');
}
