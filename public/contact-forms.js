// Contact forms: a busy action says so, and keyboard focus comes back to where the agent left it
// after the post/redirect/get reload or a live swap of the page. The page works without this.
(function () {
  'use strict';
  var KEY = 'contact-focus';
  var lastFocusId = null;

  document.addEventListener('focusin', function (event) {
    if (event.target && event.target.id) lastFocusId = event.target.id;
  });

  document.addEventListener('submit', function (event) {
    var form = event.target;
    if (!form || !form.hasAttribute || !form.hasAttribute('data-contact-form')) return;
    var button = form.querySelector('button[type=submit]');
    form.setAttribute('aria-busy', 'true');
    if (button) {
      try {
        var article = form.closest('article');
        sessionStorage.setItem(
          KEY,
          JSON.stringify({ button: button.id, contact: article ? article.id + '-title' : null }),
        );
      } catch {
        /* private mode: focus simply starts at the top */
      }
      // After the submit has been taken: a disabled button would not be submitted.
      setTimeout(function () {
        button.disabled = true;
        button.textContent = button.textContent + '…';
      }, 0);
    }
  });

  function restore(id) {
    if (!id) return false;
    var el = document.getElementById(id);
    if (!el || el.disabled) return false;
    el.focus();
    return true;
  }

  function announcement() {
    var region = document.getElementById('contacts');
    return region ? region.getAttribute('data-announce') || '' : '';
  }

  function say(text) {
    var status = document.getElementById('status');
    if (!status) return;
    var box = document.createElement('div');
    box.className = 'notice notice-info';
    var p = document.createElement('p');
    p.textContent = text;
    box.appendChild(p);
    status.replaceChildren(box);
  }

  document.addEventListener('DOMContentLoaded', function () {
    var saved = null;
    try {
      saved = JSON.parse(sessionStorage.getItem(KEY) || 'null');
      sessionStorage.removeItem(KEY);
    } catch {
      /* ignore */
    }
    // The button may be gone (Hold became Resume): then the contact it belonged to.
    if (saved && !restore(saved.button)) restore(saved.contact);
    var main = document.getElementById('main');
    if (!main || !window.MutationObserver) return;
    var lastAnnounce = announcement();
    new MutationObserver(function () {
      if (document.activeElement === document.body) restore(lastFocusId);
      // A live swap that changed the contacts: say what changed on the status line (read aloud).
      var now = announcement();
      if (now !== lastAnnounce && now) say(now);
      lastAnnounce = now;
    }).observe(main, { childList: true });
  });
})();
