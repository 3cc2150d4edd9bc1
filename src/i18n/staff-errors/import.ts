import type { StaffErrorMessages } from './staff-error-messages-type.ts';

/**
 * Messages about an import: about the file (thrown) and about one row or column (listed in
 * the result, with the spreadsheet row number staff see in Excel).
 */
const label = (p: Record<string, unknown>) => String(p.label ?? p.column ?? '');
const value = (p: Record<string, unknown>) => String(p.value ?? '');
/** The first few of a list of names. */
const list = (v: unknown, separator: string) =>
  (Array.isArray(v) ? v : []).slice(0, 4).map(String).join(separator);

export const messages: StaffErrorMessages = {
  zh: {
    import_unsupported_type:
      '只能导入 CSV 或 Excel（.xlsx）文件，请用模板另存为其中一种格式后重新上传。',
    import_legacy_xls:
      '这是旧版 Excel（.xls）文件，请在 Excel 中“另存为” .xlsx 或 CSV 后重新上传。',
    import_malformed: (p) =>
      typeof p.line === 'number'
        ? `文件无法读取：第 ${p.line} 行附近格式有误（可能有未闭合的引号）。请检查后重新上传。`
        : '文件无法读取，可能已损坏或不是表格文件。请用模板重新填写后上传。',
    import_archive_too_large: (p) =>
      p.reason === 'ratio'
        ? '文件中的内容被压缩得异常厉害（可能是恶意构造的文件），未予读取。请用模板重新填写后上传。'
        : p.reason === 'entries'
          ? '这个 Excel 文件包含的内部文件过多，不像是候选对象表格，未予读取。请用模板重新填写后上传。'
          : '这个 Excel 文件解压后过大，未予读取。一次最多导入 500 行，请拆分后分批上传。',
    import_too_many_columns: (p) =>
      `表头有 ${String(p.given)} 列，超过上限 ${String(p.max)} 列，不像是候选对象表格。请用导入模板重新填写后上传。`,
    import_too_complex:
      '这个文件读取时占用的时间或内存超出上限，未予导入。请用模板重新填写，或拆分为多个文件后上传。',
    import_busy: '另一个文件正在检查或导入，请几秒钟后再试。',
    import_empty: '文件是空的。请下载导入模板，填写后再上传。',
    import_no_rows: '文件只有表头，没有候选对象数据。请在表头下方逐行填写后再上传。',
    import_has_errors: (p) =>
      `文件中有 ${Array.isArray(p.errors) ? p.errors.length : ''} 处错误，未导入任何数据。请按错误列表修改后重新上传。`,
    import_too_many_rows: (p) =>
      `一次最多导入 ${String(p.max)} 行，本文件有 ${String(p.given)} 行。请拆分为多个文件分批导入。`,
    import_unknown_column: (p) => `列“${label(p)}”不是模板中的列，已忽略。`,
    import_column_not_for_kind: (p) =>
      p.kind === 'unit'
        ? `列“${label(p)}”是个人信息，单位类别不使用，已忽略。`
        : `列“${label(p)}”是单位信息，个人类别不使用，已忽略。`,
    import_duplicate_column: (p) => `列“${label(p)}”出现了不止一次，请删除多余的列。`,
    import_wrong_kind: (p) =>
      `这份文件是${p.kind === 'unit' ? '个人' : '单位'}类别的格式（有“${list(p.columns, '、')}”等列，缺少“${list(p.missing, '、')}”），而所选类别评选的是${p.kind === 'unit' ? '单位' : '个人'}。请在上方改选${p.kind === 'unit' ? '个人' : '单位'}类别，或下载本类别的模板重新填写。`,
    import_example_skipped: (p) => `第 ${String(p.row)} 行是模板中的示例（状态为“示例”），已跳过。`,
    import_not_listed: (p) =>
      `第 ${String(p.row)} 行“${label(p)}”填的是“${value(p)}”，不在本次评选的列表中。请改为其中之一：${(Array.isArray(p.allowed) ? p.allowed : []).join('、')}。`,
    import_missing_field: (p) => `第 ${String(p.row)} 行缺少必填项“${label(p)}”。`,
    import_too_long: (p) =>
      `第 ${String(p.row)} 行“${label(p)}”过长，最多 ${String(p.max)} 个字，请精简。`,
    import_bad_month: (p) =>
      `第 ${String(p.row)} 行“${label(p)}”的“${value(p)}”不是有效年月，请写成 1975-03 或 1975.03 的形式。`,
    import_month_ambiguous: (p) =>
      `第 ${String(p.row)} 行“${label(p)}”的“${value(p)}”无法确定是 1 月还是 10 月（Excel 会把 1975.10 存成 1975.1），请把该单元格设为文本格式并写成 1975-10 或 1975-01。`,
    import_bad_sex: (p) => `第 ${String(p.row)} 行“性别”应填“男”或“女”，现为“${value(p)}”。`,
    import_bad_value: (p) => `第 ${String(p.row)} 行“${label(p)}”的内容“${value(p)}”不符合要求。`,
    import_bad_status: (p) =>
      `第 ${String(p.row)} 行“状态”只能填“已推荐”或“已入围”（也可写“推荐”“入围”，或留空，默认为已推荐），现为“${value(p)}”。`,
    import_status_after_review: (p) =>
      `第 ${String(p.row)} 行：初审入围已经结束，公开名单不再增加，导入的对象只能是“已推荐”状态。`,
    import_bad_number: (p) =>
      `第 ${String(p.row)} 行“编号”应为 1 至 9999 的整数，现为“${value(p)}”；也可留空由系统自动编号。`,
    import_duplicate_number_in_file: (p) =>
      `第 ${String(p.row)} 行的编号 ${String(p.number)} 与第 ${String(p.first)} 行重复。`,
    import_duplicate_name_in_file: (p) =>
      `第 ${String(p.row)} 行“${String(p.name)}”与第 ${String(p.first)} 行的名称和单位相同，请删除重复行。`,
    import_number_taken: (p) =>
      `第 ${String(p.row)} 行的编号 ${String(p.number)} 在本类别中已被使用，请换一个编号或留空。`,
    import_already_in_track: (p) =>
      `第 ${String(p.row)} 行“${String(p.name)}”（同一单位）已在本类别中，请勿重复导入。`,
  },
  en: {
    import_unsupported_type:
      'Only CSV or Excel (.xlsx) files can be imported; save the template in one of these formats and upload again.',
    import_legacy_xls:
      'This is an old Excel (.xls) file; save it as .xlsx or CSV in Excel and upload again.',
    import_malformed: (p) =>
      typeof p.line === 'number'
        ? `The file cannot be read: it is malformed near line ${p.line} (perhaps an unclosed quote).`
        : 'The file cannot be read; it may be damaged or not a spreadsheet. Fill in the template and upload it.',
    import_archive_too_large: (p) =>
      p.reason === 'ratio'
        ? 'The file is compressed far more than a spreadsheet can be (it may have been crafted to harm the site) and was not read. Fill in the template and upload it.'
        : p.reason === 'entries'
          ? 'This Excel file holds too many internal files to be a list of candidates and was not read. Fill in the template and upload it.'
          : 'This Excel file is too large once unpacked and was not read. At most 500 rows can be imported at once: split it into several files.',
    import_too_many_columns: (p) =>
      `The header has ${String(p.given)} columns, more than the ${String(p.max)} allowed: this is not a list of candidates. Fill in the import template and upload it.`,
    import_too_complex:
      'Reading this file took more time or memory than allowed, so nothing was imported. Fill in the template again or split the file.',
    import_busy: 'Another file is being checked or imported; please try again in a few seconds.',
    import_empty: 'The file is empty. Download the import template, fill it in and upload it.',
    import_no_rows: 'The file has a header but no candidates. Add one candidate per row below it.',
    import_has_errors: (p) =>
      `The file has ${Array.isArray(p.errors) ? p.errors.length : ''} problems; nothing was imported. Correct them and upload again.`,
    import_too_many_rows: (p) =>
      `At most ${String(p.max)} rows can be imported at once; this file has ${String(p.given)}. Split it into several files.`,
    import_unknown_column: (p) => `Column “${label(p)}” is not in the template and was ignored.`,
    import_column_not_for_kind: (p) =>
      `Column “${label(p)}” is not used for ${p.kind === 'unit' ? 'units' : 'individuals'} and was ignored.`,
    import_duplicate_column: (p) =>
      `Column “${label(p)}” appears more than once; remove the extra one.`,
    import_wrong_kind: (p) =>
      `This file is laid out for ${p.kind === 'unit' ? 'individuals' : 'units'} (it has columns such as “${list(p.columns, ', ')}” and lacks “${list(p.missing, ', ')}”), but the chosen category is for ${p.kind === 'unit' ? 'units' : 'individuals'}. Choose the ${p.kind === 'unit' ? 'individuals’' : 'units’'} category above, or fill in this category’s template.`,
    import_example_skipped: (p) =>
      `Row ${String(p.row)} is the template’s example (status “示例”) and was skipped.`,
    import_not_listed: (p) =>
      `Row ${String(p.row)}: “${label(p)}” is “${value(p)}”, which is not on this selection’s list. Use one of: ${(Array.isArray(p.allowed) ? p.allowed : []).join(', ')}.`,
    import_missing_field: (p) => `Row ${String(p.row)}: the required field “${label(p)}” is empty.`,
    import_too_long: (p) =>
      `Row ${String(p.row)}: “${label(p)}” is too long (at most ${String(p.max)} characters).`,
    import_bad_month: (p) =>
      `Row ${String(p.row)}: “${value(p)}” in “${label(p)}” is not a valid month; write it as 1975-03.`,
    import_month_ambiguous: (p) =>
      `Row ${String(p.row)}: “${value(p)}” in “${label(p)}” could be January or October (Excel stores 1975.10 as 1975.1); format the cell as text and write 1975-10 or 1975-01.`,
    import_bad_sex: (p) => `Row ${String(p.row)}: sex must be 男 or 女, not “${value(p)}”.`,
    import_bad_value: (p) => `Row ${String(p.row)}: “${value(p)}” is not valid for “${label(p)}”.`,
    import_bad_status: (p) =>
      `Row ${String(p.row)}: status must be 推荐 (nominated) or 入围 (shortlisted), or empty; not “${value(p)}”.`,
    import_status_after_review: (p) =>
      `Row ${String(p.row)}: the initial review is over and the public list is settled; imported candidates can only be nominated.`,
    import_bad_number: (p) =>
      `Row ${String(p.row)}: the number must be a whole number from 1 to 9999, not “${value(p)}”; or leave it empty.`,
    import_duplicate_number_in_file: (p) =>
      `Row ${String(p.row)}: number ${String(p.number)} is also used on row ${String(p.first)}.`,
    import_duplicate_name_in_file: (p) =>
      `Row ${String(p.row)}: “${String(p.name)}” of the same organisation is also on row ${String(p.first)}.`,
    import_number_taken: (p) =>
      `Row ${String(p.row)}: number ${String(p.number)} is already used in this category; choose another or leave it empty.`,
    import_already_in_track: (p) =>
      `Row ${String(p.row)}: “${String(p.name)}” of the same organisation is already in this category.`,
  },
};
