// Progressive enhancement only: every page is correct without this script.
(function () {
  'use strict';
  var two = function (n) {
    return String(n).padStart(2, '0');
  };

  function tickTimeInState() {
    var since = document.getElementById('state-since');
    if (!since) return;
    var start = Number(since.getAttribute('data-since'));
    var s = Math.max(0, Math.floor((Date.now() - start) / 1000));
    var h = Math.floor(s / 3600),
      m = Math.floor((s % 3600) / 60);
    since.textContent = h > 0 ? h + ':' + two(m) + ':' + two(s % 60) : m + ':' + two(s % 60);
  }
  setInterval(tickTimeInState, 1000);

  // Live dial number preview: the server validates again, this only helps while typing.
  function wirePreview() {
    var input = document.getElementById('dialNumber');
    var preview = document.getElementById('dialNumber-preview');
    if (!input || !preview) return;
    var update = function () {
      var device = document.querySelector('input[name=deviceType]:checked');
      var type = device ? device.value : 'AGENT_DN';
      var raw = input.value.trim();
      if (type === 'BROWSER' || raw === '') {
        preview.textContent = '';
        return;
      }
      if (type === 'EXTENSION') {
        preview.textContent = /^\d{2,15}$/.test(raw)
          ? 'Extension ' + raw
          : 'An extension is 2 to 15 digits.';
        return;
      }
      var compact = raw.replace(/[\s().-]/g, '');
      if (compact.indexOf('00') === 0) compact = '+' + compact.slice(2);
      preview.textContent = /^\+[1-9]\d{7,14}$/.test(compact)
        ? 'Will dial ' + compact
        : 'Use international format with the country code, e.g. +14155550100.';
    };
    input.addEventListener('input', update);
    document.querySelectorAll('input[name=deviceType]').forEach(function (r) {
      r.addEventListener('change', update);
    });
    update();
  }
  wirePreview();

  // Live page: when the server pushes a station change, fetch the page again and swap it in.
  if (!document.body.hasAttribute('data-live') || !window.EventSource) return;
  var refreshing = false;
  function refresh(event) {
    if (refreshing) return;
    refreshing = true;
    fetch('/', {
      headers: { Accept: 'text/html', 'X-Live-Refresh': '1' },
      credentials: 'same-origin',
    })
      .then(function (r) {
        return r.text();
      })
      .then(function (html) {
        var doc = new DOMParser().parseFromString(html, 'text/html');
        var fresh = doc.getElementById('main');
        var main = document.getElementById('main');
        if (!fresh || !main) return;
        // Swap the page's content, but keep the current status message unless there is a new one,
        // so a confirmation the agent has not read yet does not vanish.
        var freshStatus = fresh.querySelector('#status');
        var status = document.getElementById('status');
        var keep = status && freshStatus && freshStatus.textContent.trim() === '' ? status : null;
        main.innerHTML = fresh.innerHTML;
        if (keep) main.replaceChild(keep, document.getElementById('status'));
        announce(event);
        document.title = doc.title;
        tickTimeInState();
        wirePreview();
      })
      .catch(function () {
        /* the next event, or a reload, shows the truth */
      })
      .finally(function () {
        refreshing = false;
      });
  }
  // Tell the agent (and screen readers, through the live status region) what just changed.
  function announce(event) {
    var data;
    try {
      data = JSON.parse(event.data);
    } catch {
      return;
    }
    var status = document.getElementById('status');
    if (!status || !data) return;
    var text = data.takenOver
      ? 'Another desktop has taken over your session.'
      : !data.loggedIn
        ? 'You are logged out of your station.'
        : 'Your state is now ' + (data.subStatus || 'unknown') + '.';
    if (data.changedByName) text += ' Changed by ' + data.changedByName + '.';
    var box = document.createElement('div');
    box.className = 'notice notice-info';
    var p = document.createElement('p');
    p.textContent = text;
    box.appendChild(p);
    status.replaceChildren(box);
  }
  var source = new EventSource('/events');
  source.addEventListener('station', refresh);
})();
