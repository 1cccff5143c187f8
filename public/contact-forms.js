// Contact forms: a busy action says so, keyboard focus comes back to where the agent left it after
// the post/redirect/get reload, and a live swap of the contacts is announced. Works without this.
(function () {
  'use strict';
  var KEY = 'contact-focus';

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
    var lastAnnounce = announcement();
    // desktop.js swaps the contacts region from the live stream (and keeps the focus): say what
    // changed on the status line, which screen readers read out. Only a change is said, once.
    document.addEventListener('region-swapped', function (event) {
      if (!event.target.querySelector || !event.target.querySelector('#contacts')) return;
      var now = announcement();
      if (now !== lastAnnounce && now) say(now);
      lastAnnounce = now;
    });
  });
})();
