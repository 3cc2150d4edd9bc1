/**
 * The status that marks the import template's example row: the import skips such a row (with
 * a notice), so a template sent back with the example still in it adds nobody.
 */
export const exampleRowStatus = '示例';

/** How to fill in the sheet: the XLSX carries these on a second sheet the import never reads. */
export const importTemplateNotes = [
  '填写说明',
  '1. 第一行是表头，不要修改；带 * 的列必填。第二行是示例，“状态”列为“示例”的行导入时会自动跳过，可以保留也可以删除。',
  '2. 年月（出生年月、入党时间、参加工作时间）可写 1982-06、1982.06、1982/6、1982年6月 或 198206。',
  '3. 状态：可填“已推荐”或“已入围”（也可写“推荐”“入围”），留空为“已推荐”。投票开始后只能导入“已推荐”。',
  '4. 简历每段经历占一行：在 Excel 单元格内按 Alt+Enter（WPS 同）换行，例如“2005.07—2012.03 澄川市某某局科员”。',
  '5. 先进事迹可用 Markdown：## 小标题，空一行分段，**加粗**，- 列表。',
  '6. 所属地区、所属领域如活动设置了列表，须与列表中的写法完全一致。',
  '7. 一次最多 500 行；同一类别中编号不能重复，留空则自动编号。',
];
