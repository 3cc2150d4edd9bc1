/** Simplified Chinese text of the privacy statement (/privacy); spread into ./zh-cn.ts. */
export const zhCNPrivacy = {
  'privacy.title': '隐私声明',
  'privacy.link': '隐私声明：本站收集什么、保存多久',
  'privacy.intro':
    '本站依照《中华人民共和国个人信息保护法》，只收集投票和反映问题所必需的最少信息，并在此说明收集什么、如何处理、保存多久、谁能查看。',
  'privacy.vote.title': '投票时',
  'privacy.vote.noAccount': '投票不需要注册或登录，本站不收集投票人的姓名、手机号码或身份证号码。',
  'privacy.vote.cookie': (days: number) =>
    `设备 Cookie：首次打开投票页面时，浏览器会收到一个名为 voter 的 Cookie。它只含一个随机编号和本站的签名，脚本无法读取（HttpOnly），有效期 ${days} 天，用于执行“每台设备每天限投”的规则。数据库只保存这个编号经密钥计算的哈希值，不保存编号本身。`,
  'privacy.vote.address':
    '网络地址：本站不保存您的网络地址，只保存它在当天随机密钥下的哈希值，用于每个地址每天的投票上限和识别集中刷票。当天的密钥在次日结束时销毁并覆盖，此后这些哈希值无法再与任何网络地址对应。',
  'privacy.vote.ballot':
    '选票：保存所选对象、投票时间和凭证码。凭证码由您保管；凭凭证码可以查验这张选票是否计入及其所选对象，请不要随意示人。',
  'privacy.vote.device':
    '“本设备的选票凭证”只保存在您的浏览器中（本地存储），不会发送给本站；清除浏览器数据即可删除。',
  'privacy.botCheck.altcha':
    '人机验证：本站自建的验证由您的设备完成一道计算题，不联系任何第三方，不收集个人信息；用过的验证以哈希值保存一天，防止重复使用。',
  'privacy.botCheck.turnstile':
    '人机验证：本站使用 Cloudflare Turnstile，验证时您的浏览器会与 Cloudflare 通信，本站把验证结果和您的网络地址发给 Cloudflare 核验；用过的验证以哈希值保存一天。',
  'privacy.report.title': '反映问题时',
  'privacy.report.body':
    '公示期间反映问题，须填写反映内容；姓名和联系电话为选填，提倡实名以便核实和反馈。反映不公开，只有组织部门负责核实的监督人员能够查看，每次查看都记入审计日志。设备和网络地址的处理方式与投票相同。',
  'privacy.keep.title': '保存多久',
  'privacy.keep.body':
    '选票（连同其哈希值）和反映记录是评选的档案，按档案管理的规定保存；网络地址的当日密钥在次日结束时销毁；用过的人机验证保存一天。本站的运行日志不记录姓名、电话、网络地址或反映内容。',
  'privacy.who.title': '谁能看到',
  'privacy.who.body':
    '公众只能看到投票结束后公布的各候选对象得票汇总。工作人员按职责分级访问：投票监测人员看到的是哈希值和统计信号，看不到网络地址；反映内容只有监督人员能看到。本站不向第三方提供、出售或共享您的信息。',
  'privacy.contact.title': '联系我们',
  'privacy.contact.body': '对本声明或您的信息有疑问，可以联系主办单位。',
} as const;
