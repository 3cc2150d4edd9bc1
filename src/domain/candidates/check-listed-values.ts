import { DomainError } from '../errors.ts';

/** A campaign's pick lists (empty: free text). */
export interface CampaignPickLists {
  districts: string[];
  sectors: string[];
}

const labels = { district: '所属地区', sector: '所属领域' } as const;

/** A value given that its campaign's list does not have: the field, its label and the list. */
export interface UnlistedValue {
  field: 'district' | 'sector';
  label: string;
  value: string;
  allowed: string[];
}

/**
 * The district and sector given (or changed) that are not on the campaign's lists, when it has
 * them: the public lists filter by these values, and a typo would make a filter of its own. A
 * value not given is not checked, nor a list left empty.
 */
export function unlistedValues(
  lists: CampaignPickLists,
  values: { district?: unknown; sector?: unknown },
): UnlistedValue[] {
  return (['district', 'sector'] as const).flatMap((field) => {
    const allowed = field === 'district' ? lists.districts : lists.sectors;
    const value = values[field];
    if (allowed.length === 0 || typeof value !== 'string' || value === '') return [];
    return allowed.includes(value) ? [] : [{ field, label: labels[field], value, allowed }];
  });
}

/** Refuses what unlistedValues finds, said on each field. */
export function checkListedValues(
  lists: CampaignPickLists,
  values: { district?: string | null | undefined; sector?: string | null | undefined },
): void {
  const issues = unlistedValues(lists, values).map((u) => ({
    path: u.field,
    code: 'custom',
    message: `“${u.value}”不在本次评选的${u.label}列表中，请从列表中选择：${u.allowed.join('、')}。如需新增，请先在活动信息中添加。`,
  }));
  if (issues.length > 0) {
    throw new DomainError('invalid_request', 'candidate_value_not_listed', { issues });
  }
}
