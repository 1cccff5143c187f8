// Notes (a call that rang out, a refused action): each one its own, dismissible, gone when it
// expires, and announced once, one at a time, in its own live region (never merged with an offer).
(function () {
  'use strict';
  var SEEN = 'notes-announced';
  var GONE = 'notes-dismissed';
  var queue = [];
  var speaking = false;

  function load(key) {
    try {
      return JSON.parse(sessionStorage.getItem(key) || '[]');
    } catch {
      return [];
    }
  }
  function save(key, list) {
    try {
      sessionStorage.setItem(key, JSON.stringify(list.slice(-50)));
    } catch {
      /* private mode: a note may be said again after a reload */
    }
  }

  function speakNext() {
    var live = document.getElementById('note-live');
    if (speaking || !live || queue.length === 0) return;
    speaking = true;
    live.textContent = '';
    // A moment apart, so each note is its own announcement.
    setTimeout(function () {
      live.textContent = queue.shift();
      setTimeout(function () {
        speaking = false;
        speakNext();
      }, 2500);
    }, 100);
  }

  function dismiss(note) {
    var gone = load(GONE);
    gone.push(note.getAttribute('data-note'));
    save(GONE, gone);
    // Focus moves on to the next note's Dismiss, or to the contacts, never to the top of the page.
    var notes = Array.prototype.slice.call(document.querySelectorAll('[data-note]'));
    var next = notes[notes.indexOf(note) + 1];
    note.remove();
    var target =
      (next && next.querySelector('[data-dismiss]')) ||
      document.querySelector('#contacts [tabindex="-1"]') ||
      document.getElementById('agent-title');
    if (target) target.focus();
  }

  function scan() {
    var now = Date.now();
    var gone = load(GONE);
    var seen = load(SEEN);
    var template = document.getElementById('tpl-dismiss');
    document.querySelectorAll('[data-note]').forEach(function (note) {
      var id = note.getAttribute('data-note');
      if (gone.indexOf(id) >= 0 || Number(note.getAttribute('data-expires')) <= now) {
        note.remove();
        return;
      }
      if (seen.indexOf(id) < 0) {
        seen.push(id);
        queue.push(note.textContent.trim());
      }
      if (template && !note.querySelector('[data-dismiss]')) {
        var button = template.content.firstElementChild.cloneNode(true);
        button.setAttribute('aria-describedby', note.id);
        button.addEventListener('click', function () {
          dismiss(note);
        });
        note.appendChild(button);
      }
    });
    save(SEEN, seen);
    speakNext();
  }

  document.addEventListener('DOMContentLoaded', function () {
    if (!document.getElementById('note-live')) return;
    scan();
    setInterval(scan, 5000);
    document.addEventListener('region-swapped', scan);
  });
})();
