import { toTraditional } from './convert-chinese.ts';
import type { Locale } from './locales.ts';
import { formatDateTime } from './ui.ts';
import { staffErrorMessages } from './staff-errors/index.ts';

type Params = Record<string, unknown>;
type Message = string | ((p: Params) => string);

/** As every page writes an instant (one format per language). */
const when = (iso: unknown, locale: Locale): string =>
  typeof iso === 'string' ? formatDateTime(new Date(iso), locale) : '';

/** Whole minutes, rounded up, for a Retry-After in seconds. */
const minutes = (seconds: unknown): number =>
  typeof seconds === 'number' ? Math.max(1, Math.ceil(seconds / 60)) : 1;

/** Messages by reason (or by code when a reason has none of its own), per language. */
const messages: Record<Locale, Record<string, Message>> = {
  'zh-CN': {
    invalid_request: '请求格式不正确，请检查后重试。',
    invalid_json: '请求内容不是有效的 JSON。',
    value_refused: '提交的内容中有不被接受的值（例如不可见的控制字符），请检查后重试。',
    not_found: '没有找到您要的内容。',
    campaign_not_found: '没有找到这项评选活动。',
    certificate_not_found: '这项评选的投票结果尚未核验发布，还没有核验结果文件。',
    track_not_found: '没有找到这个评选类别。',
    candidate_not_found: '没有找到这位候选对象。',
    media_not_found: '没有找到这张图片。',
    receipt_not_found: '没有找到这个投票凭证码，请核对后再试。',
    receipt_malformed: '凭证码应为 12 位字母和数字，例如 K7QH-2M9X-TR4B。',
    route_not_found: '没有这个接口。',
    rule_violation: '这张选票不符合投票规则。',
    voting_not_open: '投票尚未开始，请在投票开始后再来。',
    voting_closed: '投票已经结束，感谢您的关注。',
    duplicate_pick: '同一位候选对象只能选一次。',
    too_many_picks: (p) =>
      `所选超过本类别上限：最多可选 ${String(p.max)} 名，您选了 ${String(p.given)} 名。`,
    too_few_picks: (p) => `所选少于本类别下限：至少需选 ${String(p.min)} 名。`,
    candidate_not_on_ballot: '所选对象中有不在本类别公开候选名单上的，请刷新页面后重新选择。',
    already_voted: '您今天已经投过票了。',
    daily_limit: (p) =>
      `您今天在本类别的投票次数已用完，${when(p.nextBallotAt, 'zh-CN')}后可再次投票。`,
    address_limit: (p) =>
      `今天从您当前网络投出的选票已达上限，请更换网络或于 ${when(p.nextBallotAt, 'zh-CN')}后再试。`,
    bot_check_failed: '人机验证未通过，请重新验证后再提交。您的选择已保留。',
    rate_limited: '操作太频繁，请稍后再试。',
    unauthenticated: '请先登录。',
    bad_credentials: '邮箱或密码不正确。',
    session_expired: '登录已过期，请重新登录。',
    login_throttled: (p) =>
      `从这里登录这个账号失败次数过多，请 ${minutes(p.retryAfterSeconds)} 分钟后再试。`,
    login_proof_required:
      '这个账号近期登录失败较多，从新的设备或网络登录需要先完成人机验证，验证完成后会自动继续登录。',
    login_proof_failed: '人机验证未通过，请重新验证后再登录。',
    forbidden: '您没有进行此操作的权限。',
    csrf_failed: '请求未通过安全校验，请刷新页面后重试。',
    password_too_short: (p) => `密码至少需要 ${String(p.min)} 个字符。`,
    password_too_long: (p) => `密码最多 ${String(p.max)} 个字符。`,
    wrong_current_password: '当前密码不正确，密码没有修改。请重新输入当前使用的密码。',
    password_unchanged: '新密码与当前密码相同，请换一个只有您知道的新密码。',
    second_factor_required: '请输入身份验证器应用中显示的 6 位动态码，或一个恢复码。',
    second_factor_failed:
      '动态码或恢复码不正确，或已经用过。请输入应用中正在显示的 6 位数字（每个动态码只能用一次）。',
    second_factor_enrolment_required:
      '您的角色必须先开启两步验证才能继续操作。请在“两步验证”页面用手机上的身份验证器应用完成设置。',
    second_factor_not_set_up: '请先点击“开始设置”，用应用扫描二维码后，再输入应用中的动态码。',
    second_factor_setup_code_wrong:
      '动态码不正确，两步验证没有开启。请确认已用应用扫描本页的二维码，并输入应用中正在显示的 6 位数字。',
    second_factor_wrong_password: '密码不正确，两步验证没有设置。请输入您登录时使用的密码。',
    password_required: '请输入您的登录密码。',
    second_factor_off: '两步验证尚未开启。',
    second_factor_required_for_role:
      '管理员和监测员必须使用两步验证，不能关闭。更换手机时，请在本页“更换身份验证器”。',
    invalid_email: '邮箱地址格式不正确。',
    invalid_display_name: '显示名不能为空，最多 100 个字符。',
    unknown_role: (p) => `没有这个角色，可选：${String(p.roles)}。`,
    email_taken: '这个邮箱已有工作人员账号。',
    staff_not_found: '没有找到这个工作人员账号。',
    staff_already_disabled: '这个工作人员账号已经停用。',
    payload_too_large: '请求内容过大。',
    device_required: '页面未能识别您的设备，请允许本网站使用 Cookie 后刷新页面重试。',
    conflict: '这项内容刚被其他人修改过，请刷新页面查看后再试。',
    unavailable: '服务暂时不可用，请稍后再试。',
    internal: '服务器出了点问题，请稍后再试。您的选择已保留。',
    page_failed: (p) =>
      `页面暂时无法显示，请稍后再试。如需反映，请告知编号 ${String(p.requestId)}。`,
  },
  'zh-TW': {
    invalid_request: '請求格式不正確，請檢查後重試。',
    invalid_json: '請求內容不是有效的 JSON。',
    value_refused: '提交的內容中有不被接受的值（例如不可見的控制字元），請檢查後重試。',
    not_found: '沒有找到您要的內容。',
    campaign_not_found: '沒有找到這項評選活動。',
    certificate_not_found: '這項評選的投票結果尚未核驗發布，還沒有核驗結果文件。',
    track_not_found: '沒有找到這個評選類別。',
    candidate_not_found: '沒有找到這位候選對象。',
    media_not_found: '沒有找到這張圖片。',
    receipt_not_found: '沒有找到這個投票憑證碼，請核對後再試。',
    receipt_malformed: '憑證碼應為 12 位字母和數字，例如 K7QH-2M9X-TR4B。',
    route_not_found: '沒有這個介面。',
    rule_violation: '這張選票不符合投票規則。',
    voting_not_open: '投票尚未開始，請在投票開始後再來。',
    voting_closed: '投票已經結束，感謝您的關注。',
    duplicate_pick: '同一位候選對象只能選一次。',
    too_many_picks: (p) =>
      `所選超過本類別上限：最多可選 ${String(p.max)} 名，您選了 ${String(p.given)} 名。`,
    too_few_picks: (p) => `所選少於本類別下限：至少需選 ${String(p.min)} 名。`,
    candidate_not_on_ballot: '所選對象中有不在本類別公開候選名單上的，請重新整理頁面後重新選擇。',
    already_voted: '您今天已經投過票了。',
    daily_limit: (p) =>
      `您今天在本類別的投票次數已用完，${when(p.nextBallotAt, 'zh-TW')}後可再次投票。`,
    address_limit: (p) =>
      `今天從您目前網路投出的選票已達上限，請更換網路或於 ${when(p.nextBallotAt, 'zh-TW')}後再試。`,
    bot_check_failed: '人機驗證未通過，請重新驗證後再提交。您的選擇已保留。',
    rate_limited: '操作太頻繁，請稍後再試。',
    unauthenticated: '請先登入。',
    bad_credentials: '電子郵件或密碼不正確。',
    session_expired: '登入已逾時，請重新登入。',
    login_throttled: (p) =>
      `從這裡登入這個帳號失敗次數過多，請於 ${minutes(p.retryAfterSeconds)} 分鐘後再試。`,
    login_proof_required:
      '這個帳號近期登入失敗較多，從新的裝置或網路登入需要先完成人機驗證，驗證完成後會自動繼續登入。',
    login_proof_failed: '人機驗證未通過，請重新驗證後再登入。',
    forbidden: '您沒有進行此操作的權限。',
    csrf_failed: '請求未通過安全驗證，請重新整理頁面後重試。',
    password_too_short: (p) => `密碼至少需要 ${String(p.min)} 個字元。`,
    password_too_long: (p) => `密碼最多 ${String(p.max)} 個字元。`,
    wrong_current_password: '目前密碼不正確，密碼沒有修改。請重新輸入目前使用的密碼。',
    password_unchanged: '新密碼與目前密碼相同，請換一個只有您知道的新密碼。',
    second_factor_required: '請輸入身分驗證器應用程式中顯示的 6 位動態碼，或一個復原碼。',
    second_factor_failed:
      '動態碼或復原碼不正確，或已經用過。請輸入應用程式中正在顯示的 6 位數字（每個動態碼只能用一次）。',
    second_factor_enrolment_required:
      '您的角色必須先開啟兩步驟驗證才能繼續操作。請在「兩步驟驗證」頁面用手機上的身分驗證器應用程式完成設定。',
    second_factor_not_set_up:
      '請先點選「開始設定」，用應用程式掃描 QR 碼後，再輸入應用程式中的動態碼。',
    second_factor_setup_code_wrong:
      '動態碼不正確，兩步驟驗證沒有開啟。請確認已用應用程式掃描本頁的 QR 碼，並輸入應用程式中正在顯示的 6 位數字。',
    second_factor_wrong_password: '密碼不正確，兩步驟驗證沒有設定。請輸入您登入時使用的密碼。',
    password_required: '請輸入您的登入密碼。',
    second_factor_off: '兩步驟驗證尚未開啟。',
    second_factor_required_for_role:
      '管理員和監測員必須使用兩步驟驗證，不能關閉。更換手機時，請在本頁「更換身分驗證器」。',
    invalid_email: '電子郵件地址格式不正確。',
    invalid_display_name: '顯示名稱不能為空，最多 100 個字元。',
    unknown_role: (p) => `沒有這個角色，可選：${String(p.roles)}。`,
    email_taken: '這個電子郵件已有工作人員帳號。',
    staff_not_found: '沒有找到這個工作人員帳號。',
    staff_already_disabled: '這個工作人員帳號已經停用。',
    payload_too_large: '請求內容過大。',
    device_required: '頁面未能識別您的裝置，請允許本網站使用 Cookie 後重新整理頁面重試。',
    conflict: '這項內容剛被其他人修改過，請重新整理頁面查看後再試。',
    unavailable: '服務暫時無法使用，請稍後再試。',
    internal: '伺服器出了點問題，請稍後再試。您的選擇已保留。',
    page_failed: (p) =>
      `頁面暫時無法顯示，請稍後再試。如需反映，請告知編號 ${String(p.requestId)}。`,
  },
  en: {
    invalid_request: 'The request is not well formed; please check it and try again.',
    invalid_json: 'The request body is not valid JSON.',
    value_refused:
      'A value in the request was refused (an invisible control character, for example); please check it and try again.',
    not_found: 'Nothing was found here.',
    campaign_not_found: 'There is no such selection.',
    certificate_not_found:
      'The results of this selection have not been certified yet: there is no certificate.',
    track_not_found: 'There is no such category in this selection.',
    candidate_not_found: 'There is no such candidate.',
    media_not_found: 'There is no such image.',
    receipt_not_found: 'No ballot has this receipt code; please check it and try again.',
    receipt_malformed: 'A receipt code has 12 letters and digits, such as K7QH-2M9X-TR4B.',
    route_not_found: 'There is no such endpoint.',
    rule_violation: 'This ballot does not follow the voting rules.',
    voting_not_open: 'Voting has not opened yet.',
    voting_closed: 'Voting has closed. Thank you for your interest.',
    duplicate_pick: 'Each candidate can be picked only once.',
    too_many_picks: (p) =>
      `Too many picks: at most ${String(p.max)} in this category, you picked ${String(p.given)}.`,
    too_few_picks: (p) => `Too few picks: pick at least ${String(p.min)}.`,
    candidate_not_on_ballot:
      'A picked candidate is not on this category’s public list; reload the page and pick again.',
    already_voted: 'You have already voted today.',
    daily_limit: (p) =>
      `You have used today’s ballots in this category. You can vote again from ${when(p.nextBallotAt, 'en')}.`,
    address_limit: (p) =>
      `The ballots allowed from your network today have been used. Try another network or again from ${when(p.nextBallotAt, 'en')}.`,
    bot_check_failed:
      'The bot check did not pass. Please check again and resend; your picks are kept.',
    rate_limited: 'Too many requests; please wait a moment.',
    unauthenticated: 'Please sign in first.',
    bad_credentials: 'The email address or the password is not correct.',
    session_expired: 'Your session has ended; please sign in again.',
    login_throttled: (p) =>
      `Too many failed sign-ins to this account from here; please try again in ${minutes(p.retryAfterSeconds)} min.`,
    login_proof_required:
      'This account has had many failed sign-ins: signing in from a new device or network needs the bot check first. It runs by itself and the sign-in then continues.',
    login_proof_failed: 'The bot check did not pass; please check again and sign in.',
    forbidden: 'You are not allowed to do this.',
    csrf_failed: 'The request failed a security check; reload the page and try again.',
    password_too_short: (p) => `A password needs at least ${String(p.min)} characters.`,
    password_too_long: (p) => `A password may have at most ${String(p.max)} characters.`,
    wrong_current_password:
      'The current password is not correct; the password was not changed. Enter the password you use now.',
    password_unchanged:
      'The new password is the same as the current one; choose a new one only you know.',
    second_factor_required:
      'Enter the six-digit code your authenticator app shows, or one of your recovery codes.',
    second_factor_failed:
      'That code or recovery code is not correct or has been used. Enter the six digits the app shows now (each code works once).',
    second_factor_enrolment_required:
      'Your role needs two-step verification before anything else: set up an authenticator app on the two-step verification page.',
    second_factor_not_set_up:
      'Start the set-up first, scan the QR code with the app, then enter the code it shows.',
    second_factor_setup_code_wrong:
      'That code is not correct; two-step verification is not on. Check that the app scanned this page’s QR code and enter the six digits it shows now.',
    second_factor_wrong_password:
      'The password is not correct; two-step verification was not set up. Enter the password you sign in with.',
    password_required: 'Enter your sign-in password.',
    second_factor_off: 'Two-step verification is not on.',
    second_factor_required_for_role:
      'Admins and monitors must use two-step verification; it cannot be turned off. For a new phone, replace the authenticator app on this page.',
    invalid_email: 'This is not a valid email address.',
    invalid_display_name: 'The display name must not be empty and may have at most 100 characters.',
    unknown_role: (p) => `There is no such role; choose one of: ${String(p.roles)}.`,
    email_taken: 'A staff account with this email address already exists.',
    staff_not_found: 'There is no staff account with this email address.',
    staff_already_disabled: 'This staff account is already disabled.',
    payload_too_large: 'The request is too large.',
    device_required:
      'The page could not recognise your device. Allow this site’s cookies, reload the page and try again.',
    conflict: 'Someone else has just changed this. Reload the page to see it, then try again.',
    unavailable: 'The service is unavailable right now; please try again shortly.',
    internal: 'Something went wrong on our side; please try again. Your picks are kept.',
    page_failed: (p) =>
      `This page cannot be shown right now; please try again later. If you report it, quote ${String(p.requestId)}.`,
  },
};

export function errorMessage(
  locale: Locale,
  reason: string,
  code: string,
  params: Params = {},
): string {
  const table = messages[locale];
  const own = (k: string) => (Object.hasOwn(table, k) ? table[k] : undefined);
  const m = own(reason) ?? staffMessage(locale, reason, params) ?? own(code) ?? table.internal!;
  return typeof m === 'function' ? m(params) : m;
}

function staffMessage(locale: Locale, reason: string, params: Params): string | undefined {
  const table = locale === 'en' ? staffErrorMessages.en : staffErrorMessages.zh;
  if (!Object.hasOwn(table, reason)) return undefined;
  const m = table[reason]!;
  const text = typeof m === 'function' ? m(params) : m;
  return locale === 'zh-TW' ? toTraditional(text) : text;
}
