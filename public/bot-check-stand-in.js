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
  function issue(id) {
    var w = widgets[id];
    if (!w) return;
    w.token = DUMMY;
    w.label.textContent = '✓ 测试模式：已自动通过（未启用真实人机验证）';
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
      label.textContent = '测试模式：正在模拟人机验证…';
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
      w.label.textContent = '测试模式：正在模拟人机验证…';
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
