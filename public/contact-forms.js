// Contact forms: a busy action says so, and a live swap of the contacts is announced (focus after
// the post/redirect/get reload is focus-next.js's). Works without this.
(function () {
  'use strict';

  document.addEventListener('submit', function (event) {
    var form = event.target;
    if (!form || !form.hasAttribute || !form.hasAttribute('data-contact-form')) return;
    var button = form.querySelector('button[type=submit]');
    form.setAttribute('aria-busy', 'true');
    if (button) {
      // After the submit has been taken: a disabled button would not be submitted.
      setTimeout(function () {
        button.disabled = true;
        button.textContent = button.textContent + '…';
      }, 0);
    }
  });

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

  // A callback's time zone starts on the browser's own when the tenant's is not known (the server
  // marks the list data-browser-zone), unless the agent chose one (kept across live swaps).
  var chosenZones = {};
  document.addEventListener('change', function (event) {
    var select = event.target;
    if (select && select.hasAttribute && select.hasAttribute('data-browser-zone')) {
      chosenZones[select.id] = true;
    }
  });
  function browserZone(root) {
    var zone;
    try {
      zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    } catch {
      return;
    }
    root.querySelectorAll('select[data-browser-zone]').forEach(function (select) {
      if (chosenZones[select.id]) return;
      var listed = Array.prototype.some.call(select.options, function (o) {
        return o.value === zone;
      });
      if (listed) select.value = zone;
    });
  }

  document.addEventListener('DOMContentLoaded', function () {
    browserZone(document);
    document.addEventListener('region-swapped', function (event) {
      if (event.target.querySelectorAll) browserZone(event.target);
    });
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
