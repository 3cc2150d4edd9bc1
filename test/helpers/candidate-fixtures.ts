/** A complete person as the candidate form sends one, for tests of candidate input. */
export const personInput = {
  kind: 'individual',
  name: '林晓岚',
  sex: '女',
  ethnicity: '汉族',
  birth: '1981-04',
  nativePlace: '江苏澄川',
  politicalAffiliation: '中共党员',
  workStarted: '2004-07',
  education: '大学',
  currentPost: '东河区应急管理局局长',
  organisation: '澄川市东河区应急管理局',
  summary: '汛期转移群众1860人',
  deeds: '## 防汛\n\n连续 **40 天**驻守堤防。',
};
