// Focus after an action: each button names the controls that naturally come next (data-next, from
// the server: Hold → Resume, End → Wrap up, Go Available → Go Idle); after the post/redirect/get
// reload the first of them that exists takes the focus, else the button again, else its contact.
(function () {
  'use strict';
  var KEY = 'focus-next';

  document.addEventListener('submit', function (event) {
    var form = event.target;
    var button = event.submitter || (form.querySelector && form.querySelector('[type=submit]'));
    if (!button || !button.id) return;
    var article = form.closest ? form.closest('article') : null;
    var wanted = (button.getAttribute('data-next') || '').split(' ').filter(Boolean);
    wanted.push(button.id);
    if (article) wanted.push(article.id + '-title');
    wanted.push('agent-title');
    try {
      sessionStorage.setItem(KEY, JSON.stringify(wanted));
    } catch {
      /* private mode: focus simply starts at the top */
    }
  });

  function usable(id) {
    var el = id ? document.getElementById(id) : null;
    return el && !el.disabled && !el.closest('[hidden]') ? el : null;
  }

  document.addEventListener('DOMContentLoaded', function () {
    var wanted = null;
    try {
      wanted = JSON.parse(sessionStorage.getItem(KEY) || 'null');
      sessionStorage.removeItem(KEY);
    } catch {
      /* ignore */
    }
    // A refusal or an invalid field has taken the focus (desktop.js): it keeps it.
    if (
      !Array.isArray(wanted) ||
      document.querySelector('#status [data-focus], [aria-invalid="true"]')
    )
      return;
    for (var i = 0; i < wanted.length; i++) {
      var el = usable(wanted[i]);
      if (el) {
        el.focus();
        return;
      }
    }
  });
})();
