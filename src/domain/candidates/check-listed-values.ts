import { DomainError } from '../errors.ts';

/** A campaign's pick lists (empty: free text). */
export interface CampaignPickLists {
  districts: string[];
  sectors: string[];
}

const labels = { district: '所属地区', sector: '所属领域' } as const;

/**
 * The district and sector given (or changed) must be on the campaign's lists when it has them:
 * the public lists filter by these values, and a typo would make a filter of its own. A value
 * not given is not checked, nor a list left empty. The refusal is said on each field.
 */
export function checkListedValues(
  lists: CampaignPickLists,
  values: { district?: string | null | undefined; sector?: string | null | undefined },
): void {
  const issues = (['district', 'sector'] as const).flatMap((key) => {
    const list = key === 'district' ? lists.districts : lists.sectors;
    const value = values[key];
    if (list.length === 0 || value === undefined || value === null || value === '') return [];
    if (list.includes(value)) return [];
    return [
      {
        path: key,
        code: 'custom',
        message: `“${value}”不在本次评选的${labels[key]}列表中，请从列表中选择：${list.join('、')}。如需新增，请先在活动信息中添加。`,
      },
    ];
  });
  if (issues.length > 0) {
    throw new DomainError('invalid_request', 'candidate_value_not_listed', { issues });
  }
}
