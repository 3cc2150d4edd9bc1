/*
 * LOCAL STAND-IN FOR CLOUDFLARE TURNSTILE — TEST MODE ONLY.
 * Served when the site has no Turnstile keys. It offers the same small API as Cloudflare's
 * widget (render, reset, remove, getResponse) and hands out Cloudflare's documented dummy
 * token, which the server accepts only in test mode. It checks nothing.
 */
(function () {
  var DUMMY = 'XXXX.DUMMY.TOKEN.XXXX';
  var widgets = {};
  var next = 0;
  // In the page's language, as Cloudflare's widget is (its `language` option, else <html lang>).
  var texts = {
    'zh-CN': ['测试模式：正在模拟人机验证…', '✓ 测试模式：已自动通过（未启用真实人机验证）'],
    'zh-TW': ['測試模式：正在模擬人機驗證…', '✓ 測試模式：已自動通過（未啟用真實人機驗證）'],
    en: [
      'Test mode: simulating the bot check…',
      '✓ Test mode: passed automatically (no real bot check)',
    ],
  };
  function textsFor(options) {
    var lang = (options && options.language) || document.documentElement.lang || 'zh-CN';
    if (texts[lang]) return texts[lang];
    if (/^zh-(tw|hk|mo|hant)/i.test(lang)) return texts['zh-TW'];
    return /^en/i.test(lang) ? texts.en : texts['zh-CN'];
  }
  function issue(id) {
    var w = widgets[id];
    if (!w) return;
    w.token = DUMMY;
    w.label.textContent = textsFor(w.options)[1];
    if (typeof w.options.callback === 'function') w.options.callback(DUMMY);
  }
  window.turnstile = {
    render: function (el, options) {
      var id = 'stand-in-' + next++;
      var box = document.createElement('div');
      box.setAttribute('data-turnstile-stand-in', '');
      box.style.cssText =
        'border:1px dashed #8a6212;border-radius:8px;padding:10px 12px;font-size:14px;color:#5b4a1c;background:#fffbeb';
      var label = document.createElement('span');
      label.textContent = textsFor(options)[0];
      box.appendChild(label);
      el.appendChild(box);
      widgets[id] = { el: box, label: label, options: options || {}, token: null };
      setTimeout(function () {
        issue(id);
      }, 150);
      return id;
    },
    reset: function (id) {
      var w = widgets[id];
      if (!w) return;
      w.token = null;
      w.label.textContent = textsFor(w.options)[0];
      setTimeout(function () {
        issue(id);
      }, 150);
    },
    remove: function (id) {
      var w = widgets[id];
      if (w) w.el.remove();
      delete widgets[id];
    },
    getResponse: function (id) {
      var w = widgets[id];
      return w ? w.token : undefined;
    },
  };
})();
