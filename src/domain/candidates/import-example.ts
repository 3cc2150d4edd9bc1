/**
 * The status that marks the import template's example row: the import skips such a row (with
 * a notice), so a template sent back with the example still in it adds nobody.
 */
export const exampleRowStatus = '示例';
