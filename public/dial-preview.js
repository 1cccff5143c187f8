// Station form: shows what will be dialled, with the agent's own dial rules (as dial-plan.ts checks).
// Progressive enhancement only: the server checks the number again and says what is wrong, on the field.
(function () {
  'use strict';

  function strip(value, chars) {
    return value
      .split('')
      .filter(function (c) {
        return (chars || '').indexOf(c) < 0;
      })
      .join('');
  }

  function matches(regex, value) {
    try {
      return new RegExp(regex).test(value);
    } catch {
      return false;
    }
  }

  // Same order as checkDialNumber: every plan as typed (minus stripped characters), then prefixed.
  function dialFor(input, rules) {
    if (rules.mode === 'provisioned' && rules.provisioned) return rules.provisioned;
    var entries = rules.entries || [];
    var i, stripped;
    for (i = 0; i < entries.length; i++) {
      stripped = strip(input, entries[i].strippedChars);
      if (stripped !== '' && matches(entries[i].regex, stripped)) return stripped;
    }
    for (i = 0; i < entries.length; i++) {
      stripped = strip(input, entries[i].strippedChars);
      if (
        entries[i].prefix &&
        stripped !== '' &&
        matches(entries[i].regex, entries[i].prefix + stripped)
      )
        return entries[i].prefix + stripped;
    }
    return null;
  }

  function update(input) {
    var preview = document.getElementById('dial-preview');
    if (!preview) return;
    var device = document.querySelector('input[name=deviceType]:checked');
    var raw = input.value.trim();
    var rules;
    try {
      rules = JSON.parse(input.getAttribute('data-dial-rules') || '{}');
    } catch {
      rules = {};
    }
    var dial =
      raw === '' ? null : device && device.value === 'EXTENSION' ? raw : dialFor(raw, rules);
    // Only a number that will be dialled is shown; what is wrong is said by the server, on the field.
    // The sentence comes from the page, in the agent's language, with `{dial}` where the number goes.
    var sentence = preview.getAttribute('data-will-dial') || '{dial}';
    preview.textContent =
      dial && dial.length <= 43
        ? sentence.replace('{dial}', function () {
            return dial;
          })
        : '';
  }

  // Once the agent edits a refused number, the server's message is stale: the preview takes its
  // place, so the field still carries one message.
  function clearRefusal(input) {
    var error = document.getElementById('dialNumber-error');
    if (error) error.remove();
    input.removeAttribute('aria-invalid');
    input.setAttribute('aria-describedby', 'dialNumber-hint');
    var preview = document.getElementById('dial-preview');
    if (preview) preview.hidden = false;
  }

  // Delegated, so it keeps working when the live page swaps the form in.
  document.addEventListener('input', function (event) {
    if (!event.target || event.target.id !== 'dialNumber') return;
    clearRefusal(event.target);
    update(event.target);
  });
  document.addEventListener('change', function (event) {
    var input = document.getElementById('dialNumber');
    if (input && event.target && event.target.name === 'deviceType') update(input);
  });
  var input = document.getElementById('dialNumber');
  if (input && input.getAttribute('aria-invalid') !== 'true') update(input);
})();
