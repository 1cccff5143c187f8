// Keyboard shortcuts for the frequent actions: Alt+Shift with a letter (read from event.code, so a
// Mac's Option characters and other layouts work), which neither the browser nor screen readers
// use; "?" opens the list (partials/page-texts.ejs), except while typing in a field.
(function () {
  'use strict';
  function visible(el) {
    return el && !el.disabled && !el.closest('[hidden]') ? el : null;
  }
  // The contact being handled comes first in the list: its controls are the ones meant.
  function contactButton(suffixes) {
    var cards = document.querySelectorAll('#contacts article');
    for (var i = 0; i < cards.length; i++) {
      for (var j = 0; j < suffixes.length; j++) {
        var el = visible(document.getElementById(cards[i].id + '-' + suffixes[j]));
        if (el) return el;
      }
    }
    return null;
  }
  function say(name, words) {
    var texts = document.getElementById('page-texts');
    var live = document.getElementById('note-live');
    if (!texts || !live) return;
    live.textContent = '';
    setTimeout(function () {
      live.textContent = words || texts.getAttribute('data-' + name) || '';
    }, 50);
  }
  // Where the desktop can answer (a chat, email or social offer: Accept), Answer accepts. A call
  // rings the agent's phone or extension (@webex/cc-task getAcceptButtonVisibility: no Accept on a
  // phone device), so Answer goes to the call and says where it rings, as its card does.
  function answer() {
    var offer = document.querySelector('[data-offer]');
    if (!offer) return say('no-control');
    var accept = visible(document.getElementById(offer.id + '-accept'));
    if (accept) return accept;
    var heading = document.getElementById(offer.id + '-title');
    if (heading) heading.focus();
    var where = offer.querySelector('.contact-ring');
    say('answer-hint', where && where.textContent.trim());
  }
  var ACTIONS = {
    KeyA: answer,
    KeyH: function () {
      return contactButton(['hold', 'resume']);
    },
    KeyE: function () {
      return contactButton(['end']);
    },
    KeyW: function () {
      return contactButton(['wrapup']);
    },
    KeyV: function () {
      return visible(document.getElementById('go-available'));
    },
    KeyI: function () {
      return visible(document.getElementById('go-idle'));
    },
  };
  function typing(target) {
    return target && target.closest && target.closest('input, textarea, select, [contenteditable]');
  }
  document.addEventListener('keydown', function (event) {
    var dialog = document.getElementById('shortcuts');
    if (!dialog || event.ctrlKey || event.metaKey) return;
    if (event.key === '?' && !event.altKey && !typing(event.target)) {
      event.preventDefault();
      if (!dialog.open) dialog.showModal();
      return;
    }
    if (!event.altKey || !event.shiftKey || !ACTIONS[event.code] || dialog.open) return;
    event.preventDefault();
    var button = ACTIONS[event.code]();
    if (button === undefined) return; // answered in place
    if (!button) return say('no-control');
    button.focus();
    button.click();
  });
  document.addEventListener('DOMContentLoaded', function () {
    var open = document.getElementById('help-open');
    var dialog = document.getElementById('shortcuts');
    if (!open || !dialog || !dialog.showModal) return;
    open.hidden = false;
    open.addEventListener('click', function () {
      dialog.showModal();
    });
  });
})();
