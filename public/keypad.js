// Outdial keypad: its keys type into the number field. Progressive enhancement: without this script
// the keypad stays hidden (styles.css) and the agent types the number; the server checks it either way.
(function () {
  'use strict';
  document.documentElement.classList.add('has-keypad');
  // Delegated, so keypads in regions the live stream replaces keep working.
  document.addEventListener('click', function (event) {
    var key = event.target instanceof Element ? event.target.closest('[data-key]') : null;
    var pad = key ? key.closest('[data-keypad-for]') : null;
    if (!key || !pad) return;
    var input = document.getElementById(pad.getAttribute('data-keypad-for'));
    if (!input) return;
    var k = key.getAttribute('data-key');
    input.value = k === 'back' ? input.value.slice(0, -1) : input.value + k;
    input.dispatchEvent(new Event('input', { bubbles: true }));
  });
})();
